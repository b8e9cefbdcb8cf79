using System.CommandLine;

namespace Evident.Cli.Plotting;

/// <summary>Options every scatter-type plot command shares: <c>--title</c>, <c>--width</c>, <c>--height</c>.</summary>
internal sealed class ScatterPlotOptions
{
    private readonly Option<string?> _title = new("--title") { Description = "A heading above the plot.", HelpName = "TEXT" };
    private readonly Option<double> _width = AnalysisOptions.NumberOption("--width", "Width of the plot area in 1/96 inch (the picture adds its axes and legend).", 400, v => v is >= 100 and <= 4000, "between 100 and 4000");
    private readonly Option<double> _height = AnalysisOptions.NumberOption("--height", "Height of the plot area in 1/96 inch.", 300, v => v is >= 100 and <= 4000, "between 100 and 4000");

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public ScatterPlotOptions AddTo(Command command)
    {
        command.Options.Add(_title);
        command.Options.Add(_width);
        command.Options.Add(_height);
        return this;
    }

    /// <summary><c>--title</c>.</summary>
    public string? Title(ParseResult parseResult) => parseResult.GetValue(_title);

    /// <summary><c>--width</c>.</summary>
    public double Width(ParseResult parseResult) => parseResult.GetValue(_width);

    /// <summary><c>--height</c>.</summary>
    public double Height(ParseResult parseResult) => parseResult.GetValue(_height);
}
