namespace Evident.Rendering.Drawing;

/// <summary>
/// The bold title the figures of review data open with (the risk-of-bias plots, the PRISMA 2020 diagram): top left,
/// on its own line above the figure, and the room it takes.
/// </summary>
internal static class FigureTitle
{
    private const double GapBelow = 12;

    /// <summary>The title's style.</summary>
    public static TextStyle Style { get; } = new(13, Bold: true);

    /// <summary>The height the title and the gap below it take; 0 for no title.</summary>
    public static double Height(string? title) => title is null ? 0 : Style.Size + GapBelow;

    /// <summary>The width the title needs; 0 for no title.</summary>
    public static double Width(string? title) => title is null ? 0 : Canvas.Measure(title, Style).Width;

    /// <summary>Draws the title (if any) with its box's top left at (<paramref name="left"/>, <paramref name="top"/>); returns the y the figure starts at below it.</summary>
    public static double Draw(Canvas canvas, double left, double top, string? title)
    {
        if (title is not null)
        {
            canvas.Text(left, top + Style.Size, title, Style, TextAnchor.Start, "title");
        }

        return top + Height(title);
    }
}
