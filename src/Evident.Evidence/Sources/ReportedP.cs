namespace Evident.Evidence.Sources;

/// <summary>How a p value is stated: exactly ("p = 0.01") or as a bound ("p &lt; 0.001", "p &gt; 0.05").</summary>
public enum PRelation
{
    /// <summary>p = value.</summary>
    Equal,

    /// <summary>p &lt; value (also ≤).</summary>
    Less,

    /// <summary>p &gt; value (also ≥).</summary>
    Greater,
}

/// <summary>A p value as stated in a source.</summary>
/// <param name="Value">The number after the relation.</param>
/// <param name="Relation">=, &lt; or &gt;.</param>
public readonly record struct ReportedP(SourceNumber Value, PRelation Relation)
{
    /// <summary>Reads "0.01", "= 0.01", "&lt;0.001", "p &lt; .001", "≤0.05", "&gt; 0.05" (invariant culture).</summary>
    public static ReportedP? Parse(string text)
    {
        var s = text.Trim();
        if (s.StartsWith('p') || s.StartsWith('P'))
        {
            s = s[1..].TrimStart();
        }

        var relation = PRelation.Equal;
        if (s.Length > 0 && s[0] is '<' or '≤' or '>' or '≥' or '=')
        {
            relation = s[0] switch { '<' or '≤' => PRelation.Less, '>' or '≥' => PRelation.Greater, _ => PRelation.Equal };
            s = s[1..].TrimStart('=').TrimStart();
        }

        if (s.StartsWith('.'))
        {
            s = "0" + s;
        }

        return SourceNumber.Parse(s) is { } n && n.Value is >= 0 and <= 1 ? new ReportedP(n, relation) : null;
    }

    /// <summary>"= 0.01", "&lt; 0.001".</summary>
    public override string ToString() => (Relation switch { PRelation.Less => "< ", PRelation.Greater => "> ", _ => "= " }) + Value;
}
