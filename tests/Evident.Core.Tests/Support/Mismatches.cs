using System.Globalization;

namespace Evident.Core.Tests.Support;

/// <summary>
/// Collects every disagreement of one test before failing, so a failing fixture case reports all its fields at once
/// (field, expected, actual) instead of the first one only.
/// </summary>
public sealed class Mismatches
{
    private readonly List<string> _messages = [];

    /// <summary>Context printed above the list (e.g. the case id).</summary>
    public Mismatches(string context) => Context = context;

    /// <summary>Context printed above the list.</summary>
    public string Context { get; }

    /// <summary>The disagreements so far.</summary>
    public IReadOnlyList<string> Messages => _messages;

    /// <summary>Records a disagreement.</summary>
    public void Add(string message) => _messages.Add(message);

    /// <summary>Compares a number that metafor reported (or null for NA) with Evident's value.</summary>
    /// <remarks>
    /// Expected null: Evident must give null too (a value that does not exist is null, never NaN). Expected a number:
    /// Evident must give a finite number within <paramref name="tolerance"/>.
    /// </remarks>
    public void Close(string field, double? expected, double? actual, Tolerance tolerance)
    {
        if (expected is null)
        {
            if (actual is not null)
            {
                Add(Invariant($"{field}: expected null (metafor NA), got {actual.Value:R}"));
            }

            return;
        }

        if (actual is null)
        {
            Add(Invariant($"{field}: expected {expected.Value:R}, got null"));
        }
        else if (!double.IsFinite(actual.Value))
        {
            Add(Invariant($"{field}: expected {expected.Value:R}, got non-finite {actual.Value:R}"));
        }
        else if (!tolerance.Agrees(expected.Value, actual.Value))
        {
            Add(Invariant(
                $"{field}: expected {expected.Value:R}, got {actual.Value:R} (diff {actual.Value - expected.Value:E3}, rel {RelativeDifference(expected.Value, actual.Value):E2}; tolerance rel {tolerance.Relative:E0} abs {tolerance.Absolute:E0})"));
        }
    }

    /// <summary>Compares an interval bound by bound.</summary>
    public void Close(string field, double? expectedLower, double? expectedUpper, Interval? actual, Tolerance tolerance)
    {
        if (expectedLower is null && expectedUpper is null)
        {
            if (actual is not null)
            {
                Add(Invariant($"{field}: expected null, got [{actual.Value.Lower:R}, {actual.Value.Upper:R}]"));
            }

            return;
        }

        if (actual is null)
        {
            Add(Invariant($"{field}: expected [{expectedLower:R}, {expectedUpper:R}], got null"));
            return;
        }

        Close(field + ".lower", expectedLower, actual.Value.Lower, tolerance);
        Close(field + ".upper", expectedUpper, actual.Value.Upper, tolerance);
    }

    /// <summary>Asserts a condition, recording <paramref name="message"/> if it is false.</summary>
    public void True(bool condition, string message)
    {
        if (!condition)
        {
            Add(message);
        }
    }

    /// <summary>Fails the test if anything was recorded.</summary>
    public void ThrowIfAny()
    {
        if (_messages.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(
                Invariant($"{Context}: {_messages.Count} mismatch(es)") + Environment.NewLine + "  " +
                string.Join(Environment.NewLine + "  ", _messages));
        }
    }

    private static double RelativeDifference(double expected, double actual) =>
        expected == 0 ? Math.Abs(actual) : Math.Abs(actual - expected) / Math.Abs(expected);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
