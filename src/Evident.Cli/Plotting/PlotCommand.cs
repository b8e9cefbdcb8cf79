using System.CommandLine;
using Evident.Cli.Files;
using Evident.Rendering.Drawing;
using Evident.Rendering.Output;

namespace Evident.Cli.Plotting;

/// <summary>
/// <c>evident plot KIND ... --out FILE.svg|FILE.png</c>: one subcommand per kind of picture. Each subcommand builds a
/// <see cref="Drawing"/> with Evident.Rendering and <see cref="PlotOutput"/> writes it in the format the file name asks for.
/// </summary>
internal static class PlotCommand
{
    /// <summary>The <c>plot</c> command and its subcommands.</summary>
    public static Command Create()
    {
        var plot = new Command("plot", "Draw a picture of an analysis or of review data as SVG (text stays text) or PNG.\n" + ExitCodes.HelpText);
        foreach (var kind in Kinds())
        {
            plot.Subcommands.Add(kind);
        }

        plot.Action = new EvidentCommand.UsageAction(null);
        return plot;
    }

    /// <summary>The subcommands, one per kind of picture (each in its own file).</summary>
    private static IEnumerable<Command> Kinds() =>
    [
        ForestCommand.Create(),
        RobCommand.Create(),
        PrismaCommand.Create(),
        FunnelCommand.Create(),
        BaujatCommand.Create(),
        LAbbeCommand.Create(),
        RadialCommand.Create(),
        BubbleCommand.Create(),
    ];
}

/// <summary>The output options every <c>plot</c> subcommand shares, and writing the picture.</summary>
internal sealed class PlotOutput
{
    /// <summary><c>--out</c>.</summary>
    public Option<string> Out { get; } = new("--out", "--output", "-o")
    {
        Description = "The picture to write: FILE.svg (text stays text) or FILE.png.",
        HelpName = "FILE",
        Required = true,
    };

    /// <summary><c>--dpi</c>.</summary>
    public Option<int> Dpi { get; } = new("--dpi")
    {
        Description = $"Resolution of a PNG in dots per inch (sizes are set in 1/96 inch, so the picture's size in inches does not change).",
        DefaultValueFactory = _ => PngWriter.DefaultDpi,
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public Command AddTo(Command command)
    {
        command.Options.Add(Out);
        command.Options.Add(Dpi);
        return command;
    }

    /// <summary>
    /// A usage error in the output options (null when there is none): the file must end in .svg or .png and the DPI
    /// lie in 24–2400.
    /// </summary>
    public string? UsageError(ParseResult parseResult)
    {
        var path = parseResult.GetRequiredValue(Out);
        var dpi = parseResult.GetValue(Dpi);
        return FormatOf(path) is null
            ? $"--out {path}: the file name must end in .svg or .png."
            : dpi is < 24 or > 2400 ? $"--dpi must be between 24 and 2400; got {dpi}." : null;
    }

    /// <summary>
    /// Writes <paramref name="drawing"/> to <paramref name="path"/> (SVG or PNG by its extension), whole or not at all
    /// (<see cref="OutputFiles"/>: a kill or a full disk leaves the previous picture as it was); returns an exit code,
    /// with the reason on <paramref name="error"/> when the file cannot be written.
    /// </summary>
    public static int Write(Drawing drawing, string path, int dpi, TextWriter error)
        => FormatOf(path) == "png"
            ? OutputFiles.Write(path, PngWriter.Write(drawing, dpi), error, "the picture")
            : OutputFiles.Write(path, SvgWriter.Write(drawing), error, "the picture");

    /// <summary><c>svg</c> or <c>png</c> from a file name; null for neither.</summary>
    public static string? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".svg" => "svg",
        ".png" => "png",
        _ => null,
    };
}
