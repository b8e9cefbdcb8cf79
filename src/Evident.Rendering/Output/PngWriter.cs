using System.Buffers.Binary;
using Evident.Rendering.Drawing;
using SkiaSharp;

namespace Evident.Rendering.Output;

/// <summary>
/// Writes a <see cref="Drawing.Drawing"/> as a PNG at a chosen resolution: one drawing unit is 1/96 inch, so a
/// drawing 700 units wide is 7.29 inches wide at any DPI. The DPI is recorded in the file (pHYs), so word processors
/// place the image at its intended size.
/// </summary>
public static class PngWriter
{
    /// <summary>The default resolution: 300 DPI, what journals ask of figures.</summary>
    public const int DefaultDpi = 300;

    /// <summary>The most pixels a side of the image may have.</summary>
    public const int MaxSide = 16384;

    /// <summary>The most pixels the image may have (100 million: 400 MB while it is drawn).</summary>
    public const long MaxPixels = 100_000_000;

    /// <summary>
    /// The resolution a drawing is written at: <paramref name="dpi"/>, or the highest whole resolution below it at which
    /// the image keeps within <see cref="MaxSide"/> pixels a side and <see cref="MaxPixels"/> in all (at least 1), so that a
    /// very large picture is written at a lower resolution, at the same size on paper, rather than not at all.
    /// </summary>
    public static int FittingDpi(Drawing.Drawing drawing, int dpi)
    {
        ArgumentNullException.ThrowIfNull(drawing);
        var (w, h) = (Math.Max(1, drawing.Width) / 96.0, Math.Max(1, drawing.Height) / 96.0);
        var fit = Math.Min(Math.Min(MaxSide / w, MaxSide / h), Math.Sqrt(MaxPixels / (w * h)));
        return (int)Math.Max(1, Math.Min(dpi, Math.Floor(fit)));
    }

    /// <summary>The PNG bytes (at a lower resolution than asked when the picture is too large for it, <see cref="FittingDpi"/>).</summary>
    public static byte[] Write(Drawing.Drawing drawing, int dpi = DefaultDpi)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dpi, 24);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dpi, 2400);
        ArgumentNullException.ThrowIfNull(drawing);
        dpi = FittingDpi(drawing, dpi);
        var scale = dpi / 96.0;
        var info = new SKImageInfo(Math.Max(1, (int)Math.Ceiling(drawing.Width * scale)), Math.Max(1, (int)Math.Ceiling(drawing.Height * scale)), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException($"Cannot make a {info.Width}×{info.Height} image.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale((float)scale);
        foreach (var shape in drawing.Shapes)
        {
            Draw(canvas, shape);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return WithResolution(data.ToArray(), dpi);
    }

    private static void Draw(SKCanvas canvas, Shape shape)
    {
        switch (shape)
        {
            case LineShape l:
                using (var paint = StrokePaint(l.Stroke))
                {
                    canvas.DrawLine((float)l.From.X, (float)l.From.Y, (float)l.To.X, (float)l.To.Y, paint);
                }

                break;
            case RectShape r:
                var rect = new SKRect((float)r.Bounds.Left, (float)r.Bounds.Top, (float)r.Bounds.Right, (float)r.Bounds.Bottom);
                Paint(r.Fill, r.Stroke, paint => canvas.DrawRect(rect, paint));
                break;
            case CircleShape c:
                Paint(c.Fill, c.Stroke, paint => canvas.DrawCircle((float)c.Centre.X, (float)c.Centre.Y, (float)c.Radius, paint));
                break;
            case PathShape p when p.Points.Count > 1:
                using (var path = new SKPath())
                {
                    path.MoveTo((float)p.Points[0].X, (float)p.Points[0].Y);
                    foreach (var point in p.Points.Skip(1))
                    {
                        path.LineTo((float)point.X, (float)point.Y);
                    }

                    if (p.Closed)
                    {
                        path.Close();
                    }

                    Paint(p.Closed ? p.Fill : null, p.Stroke, paint => canvas.DrawPath(path, paint));
                }

                break;
            case PathShape:
                break;
            case TextShape t:
                using (var font = Fonts.Font(t.Style))
                using (var paint = new SKPaint { Color = ToSk(t.Style.Color), IsAntialias = true })
                {
                    var align = t.Anchor switch { TextAnchor.Start => SKTextAlign.Left, TextAnchor.Middle => SKTextAlign.Center, _ => SKTextAlign.Right };
                    canvas.Save();
                    canvas.RotateDegrees((float)t.Rotation, (float)t.X, (float)t.Baseline);
                    canvas.DrawText(Fonts.Printable(t.Text, t.Style), (float)t.X, (float)t.Baseline, align, font, paint);
                    canvas.Restore();
                }

                break;
            default:
                throw new NotSupportedException($"No PNG form for {shape.GetType().Name}.");
        }
    }

    private static void Paint(Color? fill, Stroke? stroke, Action<SKPaint> draw)
    {
        if (fill is { } f)
        {
            using var paint = new SKPaint { Color = ToSk(f), IsAntialias = true, Style = SKPaintStyle.Fill };
            draw(paint);
        }

        if (stroke is not null)
        {
            using var paint = StrokePaint(stroke);
            draw(paint);
        }
    }

    private static SKPaint StrokePaint(Stroke stroke) => new()
    {
        Color = ToSk(stroke.Color),
        IsAntialias = true,
        Style = SKPaintStyle.Stroke,
        StrokeWidth = (float)stroke.Width,
        PathEffect = stroke.Dash is { Count: > 0 } dash ? SKPathEffect.CreateDash([.. dash.Select(d => (float)d)], 0) : null,
    };

    private static SKColor ToSk(Color c) => new(c.R, c.G, c.B, c.A);

    /// <summary>Inserts a pHYs chunk (pixels per metre) after IHDR (PNG specification §11.3.5.3).</summary>
    private static byte[] WithResolution(byte[] png, int dpi)
    {
        const int ihdrEnd = 8 + 4 + 4 + 13 + 4; // signature, then IHDR: length, type, 13 data bytes, CRC
        var perMetre = (uint)Math.Round(dpi / 0.0254);
        var chunk = new byte[4 + 4 + 9 + 4];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, 9);
        "pHYs"u8.CopyTo(chunk.AsSpan(4));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8), perMetre);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(12), perMetre);
        chunk[16] = 1; // unit: metre
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(17), Crc32(chunk.AsSpan(4, 13)));
        return [.. png.AsSpan(0, ihdrEnd), .. chunk, .. png.AsSpan(ihdrEnd)];
    }

    /// <summary>The CRC-32 PNG chunks carry (ISO 3309; PNG specification Annex D).</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
