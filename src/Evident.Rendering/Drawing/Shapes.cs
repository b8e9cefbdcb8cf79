namespace Evident.Rendering.Drawing;

/// <summary>A point in drawing units (CSS pixels: 96 per inch; y grows downwards).</summary>
public readonly record struct Point(double X, double Y);

/// <summary>An axis-aligned rectangle in drawing units.</summary>
public readonly record struct Box(double Left, double Top, double Right, double Bottom)
{
    /// <summary>Width.</summary>
    public double Width => Right - Left;

    /// <summary>Height.</summary>
    public double Height => Bottom - Top;

    /// <summary>Whether the two boxes share interior area (touching edges do not count).</summary>
    public bool Overlaps(Box other) => Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;

    /// <summary>The smallest box holding both.</summary>
    public Box Union(Box other) => new(Math.Min(Left, other.Left), Math.Min(Top, other.Top), Math.Max(Right, other.Right), Math.Max(Bottom, other.Bottom));
}

/// <summary>How a line is drawn.</summary>
/// <param name="Color">Colour.</param>
/// <param name="Width">Width in drawing units.</param>
/// <param name="Dash">Dash pattern (on, off, …) in drawing units; null for solid.</param>
public sealed record Stroke(Color Color, double Width = 1, IReadOnlyList<double>? Dash = null)
{
    /// <summary>A solid black line one unit wide.</summary>
    public static Stroke Thin { get; } = new(Color.Black);
}

/// <summary>Where a text's x coordinate lies along it.</summary>
public enum TextAnchor
{
    /// <summary>x is the left end.</summary>
    Start,

    /// <summary>x is the middle.</summary>
    Middle,

    /// <summary>x is the right end.</summary>
    End,
}

/// <summary>How text is drawn.</summary>
/// <param name="Size">Font size in drawing units.</param>
/// <param name="Bold">Bold face.</param>
/// <param name="Italic">Italic face.</param>
/// <param name="Fill">Colour (default black).</param>
public sealed record TextStyle(double Size = 11, bool Bold = false, bool Italic = false, Color? Fill = null)
{
    /// <summary>The colour the text is drawn in.</summary>
    public Color Color => Fill ?? Color.Black;
}

/// <summary>One element of a <see cref="Drawing"/>. <see cref="Class"/> names its role (e.g. <c>study-label</c>) in the SVG.</summary>
public abstract record Shape
{
    /// <summary>The element's role, written as the SVG <c>class</c>; null for none.</summary>
    public string? Class { get; init; }
}

/// <summary>A straight line.</summary>
public sealed record LineShape(Point From, Point To, Stroke Stroke) : Shape;

/// <summary>A rectangle.</summary>
public sealed record RectShape(Box Bounds, Color? Fill, Stroke? Stroke) : Shape;

/// <summary>A circle.</summary>
public sealed record CircleShape(Point Centre, double Radius, Color? Fill, Stroke? Stroke) : Shape;

/// <summary>A polygon (<paramref name="Closed"/>) or polyline through the points.</summary>
public sealed record PathShape(IReadOnlyList<Point> Points, bool Closed, Color? Fill, Stroke? Stroke) : Shape;

/// <summary>
/// A line of text with its measured extent. <see cref="Baseline"/> is the y of the alphabetic baseline; the box runs
/// from the font's ascent above it to its descent below it. A text may be turned about its anchor point
/// (<see cref="Rotation"/>), e.g. −90° for a vertical label read from bottom to top.
/// </summary>
/// <param name="Anchor">Where <paramref name="X"/> lies along the text.</param>
/// <param name="X">The anchor's x.</param>
/// <param name="Baseline">The baseline's y.</param>
/// <param name="Text">The text, as given (it is escaped when written).</param>
/// <param name="Style">Font and colour.</param>
/// <param name="Metrics">The text's measured advance width, ascent and descent.</param>
public sealed record TextShape(double X, double Baseline, string Text, TextStyle Style, TextAnchor Anchor, TextMetrics Metrics) : Shape
{
    private readonly double _rotation;

    /// <summary>The whole text when <see cref="Text"/> is cut to fit (<see cref="Fonts.Fit(string, TextStyle)"/>); null when it is not cut.</summary>
    public string? FullText { get; init; }

    /// <summary>
    /// The turn about the anchor point (<see cref="X"/>, <see cref="Baseline"/>) in degrees, clockwise on the page as
    /// SVG's <c>rotate()</c>: 0 (the default), −90 (reads upwards) or 90 (reads downwards).
    /// </summary>
    public double Rotation
    {
        get => _rotation;
        init => _rotation = value is 0 or 90 or -90 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A text turns by 0, 90 or -90 degrees.");
    }

    /// <summary>The box the text occupies on the page (the turned box when it is turned).</summary>
    public Box Bounds
    {
        get
        {
            var left = Anchor switch
            {
                TextAnchor.Start => X,
                TextAnchor.Middle => X - (Metrics.Width / 2),
                _ => X - Metrics.Width,
            };
            var (start, end, above, below) = (left - X, left - X + Metrics.Width, -Metrics.Ascent, Metrics.Descent);
            return Rotation switch
            {
                // (dx, dy) from the anchor turns to (dy, −dx) at −90° and to (−dy, dx) at 90°.
                -90 => new(X + above, Baseline - end, X + below, Baseline - start),
                90 => new(X - below, Baseline + start, X - above, Baseline + end),
                _ => new(X + start, Baseline + above, X + end, Baseline + below),
            };
        }
    }
}

/// <summary>A measured line of text: advance width, and the font's ascent and descent (both positive).</summary>
public readonly record struct TextMetrics(double Width, double Ascent, double Descent)
{
    /// <summary>Ascent plus descent.</summary>
    public double Height => Ascent + Descent;
}
