namespace Evident.Rendering.Drawing;

/// <summary>
/// A finished picture: its size in drawing units (CSS pixels, 96 per inch) and its shapes in painting order. The one
/// thing every plot builds; <see cref="Output.SvgWriter"/> and <see cref="Output.PngWriter"/> write it.
/// </summary>
/// <param name="Width">Width in drawing units.</param>
/// <param name="Height">Height in drawing units.</param>
/// <param name="Shapes">The shapes, painted first to last.</param>
/// <param name="Title">A title for the picture (the SVG's <c>title</c>, for screen readers); null for none.</param>
public sealed record Drawing(double Width, double Height, IReadOnlyList<Shape> Shapes, string? Title = null)
{
    /// <summary>Every text shape, in painting order.</summary>
    public IEnumerable<TextShape> Texts => Shapes.OfType<TextShape>();

    /// <summary>Pairs of texts whose boxes overlap (empty for a well-laid-out picture).</summary>
    public IReadOnlyList<(TextShape A, TextShape B)> OverlappingTexts()
    {
        var texts = Texts.Where(t => t.Text.Length > 0).OrderBy(t => t.Bounds.Top).ToList();
        var found = new List<(TextShape, TextShape)>();
        for (var i = 0; i < texts.Count; i++)
        {
            var a = texts[i].Bounds;
            for (var j = i + 1; j < texts.Count && texts[j].Bounds.Top < a.Bottom; j++)
            {
                if (a.Overlaps(texts[j].Bounds))
                {
                    found.Add((texts[i], texts[j]));
                }
            }
        }

        return found;
    }
}

/// <summary>
/// Builds a <see cref="Drawing"/>: shapes are added in painting order; text is measured with <see cref="Fonts"/> as it is
/// added, so layout code can ask how wide a text is (<see cref="Measure(string, TextStyle)"/>) before placing it.
/// </summary>
public sealed class Canvas
{
    private readonly List<Shape> _shapes = [];

    /// <summary>Measures a text in a style (the embedded Liberation Sans).</summary>
    public static TextMetrics Measure(string text, TextStyle style) => Fonts.Measure(text, style);

    /// <summary>Measures a text as it is drawn in a room <paramref name="maxWidth"/> wide (cut to fit, <see cref="Fonts.Fit(string, TextStyle, double)"/>).</summary>
    public static TextMetrics Measure(string text, TextStyle style, double maxWidth) => Fonts.Measure(Fonts.Fit(text, style, maxWidth), style);

    /// <summary>A line.</summary>
    public LineShape Line(double x1, double y1, double x2, double y2, Stroke stroke, string? cls = null)
        => Add(new LineShape(new(x1, y1), new(x2, y2), stroke) { Class = cls });

    /// <summary>A rectangle from its top-left corner and size.</summary>
    public RectShape Rect(double x, double y, double width, double height, Color? fill, Stroke? stroke = null, string? cls = null)
        => Add(new RectShape(new(x, y, x + width, y + height), fill, stroke) { Class = cls });

    /// <summary>A circle.</summary>
    public CircleShape Circle(double cx, double cy, double radius, Color? fill, Stroke? stroke = null, string? cls = null)
        => Add(new CircleShape(new(cx, cy), radius, fill, stroke) { Class = cls });

    /// <summary>A closed polygon.</summary>
    public PathShape Polygon(IReadOnlyList<Point> points, Color? fill, Stroke? stroke = null, string? cls = null)
        => Add(new PathShape(points, true, fill, stroke) { Class = cls });

    /// <summary>An open polyline.</summary>
    public PathShape Polyline(IReadOnlyList<Point> points, Stroke stroke, string? cls = null)
        => Add(new PathShape(points, false, null, stroke) { Class = cls });

    /// <summary>A line of text with its baseline at <paramref name="baseline"/>; returns it with its measured box.</summary>
    /// <remarks>Every text method cuts the text to <paramref name="maxWidth"/> (when given) and to the widest a line may be, keeping the whole text.</remarks>
    public TextShape Text(double x, double baseline, string text, TextStyle style, TextAnchor anchor = TextAnchor.Start, string? cls = null, double? maxWidth = null)
        => Add(Shape(x, baseline, text, style, anchor, maxWidth) with { Class = cls });

    /// <summary>
    /// A line of text vertically centred on <paramref name="middle"/> (the middle of its ascent-descent box).
    /// </summary>
    public TextShape TextCentred(double x, double middle, string text, TextStyle style, TextAnchor anchor = TextAnchor.Start, string? cls = null, double? maxWidth = null)
    {
        var metrics = Measure(text, style);
        return Add(Shape(x, middle + ((metrics.Ascent - metrics.Descent) / 2), text, style, anchor, maxWidth) with { Class = cls });
    }

    /// <summary>
    /// A line of text turned upright, read from bottom to top (−90°) or, with <paramref name="downwards"/>, from top to
    /// bottom (90°): its ascent-descent box is centred on <paramref name="centreX"/>, and <paramref name="anchor"/> says
    /// where <paramref name="y"/> lies along it (start: the end the text starts from).
    /// </summary>
    public TextShape TextVertical(double centreX, double y, string text, TextStyle style, TextAnchor anchor = TextAnchor.Middle, string? cls = null, bool downwards = false, double? maxWidth = null)
    {
        var metrics = Measure(text, style);
        var shift = (metrics.Ascent - metrics.Descent) / 2;
        return Add(Shape(downwards ? centreX - shift : centreX + shift, y, text, style, anchor, maxWidth) with { Rotation = downwards ? 90 : -90, Class = cls });
    }

    /// <summary>A text shape: the text cut to the widest a line may be (<see cref="Fonts.Fit(string, TextStyle)"/>), the whole text kept when cut.</summary>
    private static TextShape Shape(double x, double baseline, string text, TextStyle style, TextAnchor anchor, double? maxWidth)
    {
        ArgumentNullException.ThrowIfNull(text);
        var shown = maxWidth is { } max ? Fonts.Fit(text, style, max) : Fonts.Fit(text, style);
        return new TextShape(x, baseline, shown, style, anchor, Measure(shown, style)) { FullText = ReferenceEquals(shown, text) ? null : text };
    }

    /// <summary>Adds a shape built elsewhere.</summary>
    public T Add<T>(T shape)
        where T : Shape
    {
        _shapes.Add(shape);
        return shape;
    }

    /// <summary>The picture, <paramref name="width"/> × <paramref name="height"/> drawing units.</summary>
    public Drawing Build(double width, double height, string? title = null) => new(width, height, [.. _shapes], title);
}
