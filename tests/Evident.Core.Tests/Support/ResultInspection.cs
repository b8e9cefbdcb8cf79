using System.Globalization;
using System.Reflection;
using Evident.Core.Models;

namespace Evident.Core.Tests.Support;

/// <summary>Looks at every number a <see cref="MetaAnalysisResult"/> holds, whatever properties it grows.</summary>
public static class ResultInspection
{
    private static readonly PropertyInfo[] Properties =
        typeof(MetaAnalysisResult).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    /// <summary>
    /// Names of the values that are NaN or infinite (a nullable that is null is fine: null is how a result says
    /// "does not exist"). Covers double, double?, <see cref="Interval"/>, <see cref="Interval"/>? and lists of double.
    /// </summary>
    public static IReadOnlyList<string> NonFiniteValues(MetaAnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var bad = new List<string>();
        foreach (var property in Properties)
        {
            switch (property.GetValue(result))
            {
                case double d when !double.IsFinite(d):
                    bad.Add(string.Create(CultureInfo.InvariantCulture, $"{property.Name} = {d}"));
                    break;
                case Interval i when !double.IsFinite(i.Lower) || !double.IsFinite(i.Upper):
                    bad.Add(string.Create(CultureInfo.InvariantCulture, $"{property.Name} = [{i.Lower}, {i.Upper}]"));
                    break;
                case IEnumerable<double> list when list.Any(x => !double.IsFinite(x)):
                    bad.Add($"{property.Name} has a non-finite element");
                    break;
                default:
                    break;
            }
        }

        return bad;
    }

    /// <summary>Whether the result carries an issue with this code.</summary>
    public static bool HasIssue(this MetaAnalysisResult result, string code)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Issues.Any(i => string.Equals(i.Code, code, StringComparison.Ordinal));
    }
}
