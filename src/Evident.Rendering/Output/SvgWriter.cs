using System.Globalization;
using System.Text;
using Evident.Rendering.Drawing;

namespace Evident.Rendering.Output;

/// <summary>
/// Writes a <see cref="Drawing.Drawing"/> as SVG 1.1: text stays text (selectable and editable), in the font it was
/// measured with and its metric-compatible fallbacks, as drawn (<see cref="Fonts.Printable"/>); coordinates to 0.01 unit in the invariant culture; every text
/// XML-escaped. The same drawing always gives the same bytes.
/// </summary>
public static class SvgWriter
{
    /// <summary>The longest text kept whole in a <c>title</c> element (of the picture, or of a text cut to fit).</summary>
    public const int MaxTitleLength = 2000;

    /// <summary>The SVG document.</summary>
    public static string Write(Drawing.Drawing drawing)
    {
        var s = new StringBuilder();
        s.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"")
            .Append(" width=\"").Append(N(drawing.Width)).Append("\" height=\"").Append(N(drawing.Height))
            .Append("\" viewBox=\"0 0 ").Append(N(drawing.Width)).Append(' ').Append(N(drawing.Height)).Append('"')
            .Append(" font-family=\"").Append(Fonts.SvgFamily).Append("\">\n");
        s.Append("<!-- Text measured with ").Append(Fonts.Family).Append(" 2 (SIL OFL 1.1), metric-compatible with Arial and Helvetica. -->\n");
        if (drawing.Title is { } title)
        {
            s.Append("<title>").Append(Escape(title.Length <= MaxTitleLength ? title : title[..MaxTitleLength] + Fonts.Ellipsis)).Append("</title>\n");
        }

        s.Append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        foreach (var shape in drawing.Shapes)
        {
            WriteShape(s, shape);
        }

        s.Append("</svg>\n");
        return s.ToString();
    }

    private static void WriteShape(StringBuilder s, Shape shape)
    {
        switch (shape)
        {
            case LineShape l:
                s.Append("<line x1=\"").Append(N(l.From.X)).Append("\" y1=\"").Append(N(l.From.Y))
                    .Append("\" x2=\"").Append(N(l.To.X)).Append("\" y2=\"").Append(N(l.To.Y)).Append('"');
                Paint(s, null, l.Stroke, l.Class);
                s.Append("/>\n");
                break;
            case RectShape r:
                s.Append("<rect x=\"").Append(N(r.Bounds.Left)).Append("\" y=\"").Append(N(r.Bounds.Top))
                    .Append("\" width=\"").Append(N(r.Bounds.Width)).Append("\" height=\"").Append(N(r.Bounds.Height)).Append('"');
                Paint(s, r.Fill, r.Stroke, r.Class);
                s.Append("/>\n");
                break;
            case CircleShape c:
                s.Append("<circle cx=\"").Append(N(c.Centre.X)).Append("\" cy=\"").Append(N(c.Centre.Y)).Append("\" r=\"").Append(N(c.Radius)).Append('"');
                Paint(s, c.Fill, c.Stroke, c.Class);
                s.Append("/>\n");
                break;
            case PathShape p:
                s.Append(p.Closed ? "<polygon" : "<polyline").Append(" points=\"")
                    .AppendJoin(' ', p.Points.Select(pt => N(pt.X) + "," + N(pt.Y))).Append('"');
                Paint(s, p.Closed ? p.Fill : null, p.Stroke, p.Class);
                s.Append("/>\n");
                break;
            case TextShape t:
                s.Append("<text x=\"").Append(N(t.X)).Append("\" y=\"").Append(N(t.Baseline)).Append("\" font-size=\"").Append(N(t.Style.Size)).Append('"');
                if (t.Style.Bold)
                {
                    s.Append(" font-weight=\"bold\"");
                }
                else if (t.Style.Italic)
                {
                    s.Append(" font-style=\"italic\"");
                }

                if (t.Anchor != TextAnchor.Start)
                {
                    s.Append(" text-anchor=\"").Append(t.Anchor == TextAnchor.Middle ? "middle" : "end").Append('"');
                }

                if (t.Rotation != 0)
                {
                    s.Append(" transform=\"rotate(").Append(N(t.Rotation)).Append(' ').Append(N(t.X)).Append(' ').Append(N(t.Baseline)).Append(")\"");
                }

                var text = Fonts.Printable(t.Text, t.Style);
                if (text.Contains("  ", StringComparison.Ordinal) || text.StartsWith(' ') || text.EndsWith(' '))
                {
                    s.Append(" xml:space=\"preserve\"");
                }

                Paint(s, t.Style.Color == Color.Black ? null : t.Style.Color, null, t.Class);
                s.Append('>');
                if (t.FullText is { Length: <= MaxTitleLength } full)
                {
                    // A cut text keeps its whole text as a tooltip (and for screen readers), up to a length.
                    s.Append("<title>").Append(Escape(full)).Append("</title>");
                }

                s.Append(Escape(text)).Append("</text>\n");
                break;
            default:
                throw new NotSupportedException($"No SVG form for {shape.GetType().Name}.");
        }
    }

    private static void Paint(StringBuilder s, Color? fill, Stroke? stroke, string? cls)
    {
        if (cls is not null)
        {
            s.Append(" class=\"").Append(Escape(cls)).Append('"');
        }

        if (fill is { } f)
        {
            s.Append(" fill=\"").Append(f.Hex).Append('"');
            if (f.A != 255)
            {
                s.Append(" fill-opacity=\"").Append(N(f.Opacity, "0.###")).Append('"');
            }
        }
        else if (stroke is not null)
        {
            s.Append(" fill=\"none\"");
        }

        if (stroke is { } k)
        {
            s.Append(" stroke=\"").Append(k.Color.Hex).Append("\" stroke-width=\"").Append(N(k.Width)).Append('"');
            if (k.Color.A != 255)
            {
                s.Append(" stroke-opacity=\"").Append(N(k.Color.Opacity, "0.###")).Append('"');
            }

            if (k.Dash is { Count: > 0 } dash)
            {
                s.Append(" stroke-dasharray=\"").AppendJoin(' ', dash.Select(d => N(d))).Append('"');
            }
        }
    }

    /// <summary>A number to 0.01 in the invariant culture ("-0" written as "0").</summary>
    private static string N(double value, string format = "0.##")
    {
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    /// <summary>Escapes text for XML content and attribute values; drops characters XML 1.0 cannot hold.</summary>
    public static string Escape(string text)
    {
        var s = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': s.Append("&amp;"); break;
                case '<': s.Append("&lt;"); break;
                case '>': s.Append("&gt;"); break;
                case '"': s.Append("&quot;"); break;
                case '\'': s.Append("&apos;"); break;
                case < ' ' when c is not ('\t' or '\n' or '\r'):
                case '\uFFFE' or '\uFFFF':
                    s.Append('\uFFFD');
                    break;
                default: s.Append(c); break;
            }
        }

        return s.ToString();
    }
}
