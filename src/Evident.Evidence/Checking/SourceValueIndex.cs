using Evident.Evidence.Sources;

namespace Evident.Evidence.Checking;

/// <summary>
/// The source values a summary's numbers are checked against, indexed so that each number costs a few look-ups, not a
/// pass over every value: by address, by role and outcome, and by value (sorted, so the values a printed number can
/// stand for, within both roundings, are a window). A source with tens of thousands of outcomes then checks as fast as
/// one with five.
/// </summary>
internal sealed class SourceValueIndex
{
    private readonly Dictionary<string, SourceEntry> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<(ClaimRole, string?), List<SourceEntry>> _byRoleAndOutcome = [];

    // Values other than p, and p values by their relation, each sorted by value.
    private readonly SourceEntry[] _numbers;
    private readonly SourceEntry[] _pEqual;
    private readonly SourceEntry[] _pLess;
    private readonly SourceEntry[] _pGreater;
    private readonly double _largestHalfUnit;

    public SourceValueIndex(IEnumerable<SourceEntry> values)
    {
        var list = values.ToList();
        foreach (var v in list)
        {
            _byPath.TryAdd(v.Path, v);
            (_byRoleAndOutcome.TryGetValue((v.Role, v.OutcomeId), out var same) ? same : _byRoleAndOutcome[(v.Role, v.OutcomeId)] = []).Add(v);
        }

        static SourceEntry[] Sorted(IEnumerable<SourceEntry> entries) => [.. entries.Where(e => !double.IsNaN(e.Number.Value)).OrderBy(e => e.Number.Value)];
        _numbers = Sorted(list.Where(v => v.Role != ClaimRole.P));
        _pEqual = Sorted(list.Where(v => v.Role == ClaimRole.P && v.Relation == PRelation.Equal));
        _pLess = Sorted(list.Where(v => v.Role == ClaimRole.P && v.Relation == PRelation.Less));
        _pGreater = Sorted(list.Where(v => v.Role == ClaimRole.P && v.Relation == PRelation.Greater));
        _largestHalfUnit = list.Select(v => v.Number.HalfUnit).DefaultIfEmpty(0).Max();
    }

    /// <summary>The value at an address, or null.</summary>
    public SourceEntry? At(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>The values of a role of one outcome (with a null outcome, of the review).</summary>
    public IReadOnlyList<SourceEntry> Of(ClaimRole role, string? outcomeId) => _byRoleAndOutcome.GetValueOrDefault((role, outcomeId)) ?? [];

    /// <summary>
    /// The values a printed number might match, a superset of those that do (the caller tests each): values within
    /// both roundings of it, and for a p the values its relation can hold for (a "p &lt; 0.05" holds for any p below
    /// 0.05); the likeliest first.
    /// </summary>
    public IEnumerable<SourceEntry> Candidates(NumericClaim claim)
    {
        var y = claim.Value;
        if (double.IsNaN(y))
        {
            yield break;
        }

        var reach = claim.HalfUnit + _largestHalfUnit + (1e-9 * Math.Max(1, Math.Abs(y)));
        foreach (var v in Between(_numbers, y - reach, y + reach))
        {
            yield return v;
        }

        if (claim.Role is not (ClaimRole.P or ClaimRole.Other))
        {
            yield break;
        }

        switch (claim.Relation)
        {
            case PRelation.Equal:
                foreach (var v in Between(_pEqual, y - reach, y + reach))
                {
                    yield return v;
                }

                break;
            case PRelation.Less:
                // "p < y" holds for a printed p whose lowest value is below y, and for a bound "p < x" with x ≤ y.
                foreach (var v in Between(_pEqual, double.NegativeInfinity, y + _largestHalfUnit))
                {
                    yield return v;
                }

                foreach (var v in Between(_pLess, double.NegativeInfinity, y))
                {
                    yield return v;
                }

                break;
            default:
                for (var i = _pEqual.Length - 1; i >= 0 && _pEqual[i].Number.Value >= y - _largestHalfUnit; i--)
                {
                    yield return _pEqual[i];
                }

                for (var i = _pGreater.Length - 1; i >= 0 && _pGreater[i].Number.Value >= y; i--)
                {
                    yield return _pGreater[i];
                }

                break;
        }
    }

    /// <summary>The entries whose value is in [low, high], in order.</summary>
    private static IEnumerable<SourceEntry> Between(SourceEntry[] sorted, double low, double high)
    {
        var (from, to) = (0, sorted.Length);
        while (from < to)
        {
            var mid = (from + to) / 2;
            if (sorted[mid].Number.Value < low)
            {
                from = mid + 1;
            }
            else
            {
                to = mid;
            }
        }

        for (var i = from; i < sorted.Length && sorted[i].Number.Value <= high; i++)
        {
            yield return sorted[i];
        }
    }
}
