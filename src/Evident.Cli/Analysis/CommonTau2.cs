using Evident.Core;
using Evident.Core.EffectSizes;
using Evident.Core.Models;

namespace Evident.Cli.Analysis;

/// <summary>TEMPORARY until the regression lands.</summary>
internal static class CommonTau2
{
    public static double? Of(IReadOnlyList<StudyEffect> studies, IReadOnlyList<string?> labels, FitOptions options, Action<IEnumerable<Issue>> report)
        => throw new NotImplementedException();
}
