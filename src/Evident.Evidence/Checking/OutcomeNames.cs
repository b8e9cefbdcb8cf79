using System.Text;
using Evident.Evidence.Sources;

namespace Evident.Evidence.Checking;

/// <summary>A mention of a source outcome in a block's text.</summary>
/// <param name="OutcomeId">The outcome's id.</param>
/// <param name="Start">First character in the block's text.</param>
/// <param name="End">One past the last character.</param>
internal readonly record struct Mention(string OutcomeId, int Start, int End);

/// <summary>
/// Finds the outcomes of a source in text by every name it may be written with: the name, full name and aliases, and
/// derived forms: case is ignored; subscript digits, the minus sign and en or em dashes are read as their plain forms;
/// a name ending in a digit is also found without it (FEV1 as FEV) unless that is another outcome's name; a name with
/// a slash is also found followed by "ratio" (FEV1/FVC ratio); "one" and "1" are interchangeable in full names
/// ("forced expiratory volume in one second"). The longest name wins where two overlap, so "FEV/FVC" is not read as
/// FEV and FVC.
/// </summary>
internal sealed class OutcomeNames
{
    private readonly NameTrie _names;

    private readonly NameTrie _quoted;

    private readonly bool _anyQuoted;

    /// <summary>
    /// Names of <paramref name="outcomes"/>, and <paramref name="quoted"/>: other texts of the source a summary quotes
    /// (the intervention, comparator, condition, population, follow-up, title), whose words and digits are the source's
    /// names, not claims.
    /// </summary>
    public OutcomeNames(IEnumerable<OutcomeEvidence> outcomes, IEnumerable<string?>? quoted = null)
    {
        var quotedNames = (quoted ?? []).OfType<string>().Select(NormaliseName).Where(q => q.Length > 0).Distinct().ToList();
        _quoted = new NameTrie(quotedNames.Select(q => (q, "")));
        _anyQuoted = quotedNames.Count > 0;
        var list = outcomes.ToList();
        var explicitNames = new HashSet<string>(list.SelectMany(o => o.Names).Select(NormaliseName), StringComparer.Ordinal);
        var names = new List<(string, string)>();
        foreach (var o in list)
        {
            foreach (var raw in o.Names)
            {
                var name = NormaliseName(raw);
                if (name.Length == 0)
                {
                    continue;
                }

                names.Add((name, o.Id));
                if (name.Length > 2 && char.IsAsciiDigit(name[^1]) && char.IsLetter(name[^2]) && !explicitNames.Contains(name[..^1]))
                {
                    names.Add((name[..^1], o.Id));
                }

                if (name.Contains('/', StringComparison.Ordinal))
                {
                    names.Add((name + " ratio", o.Id));
                }

                if (name.Contains(" one ", StringComparison.Ordinal) || name.EndsWith(" one", StringComparison.Ordinal))
                {
                    names.Add((name.Replace(" one", " 1", StringComparison.Ordinal), o.Id));
                }
            }
        }

        // The only outcome of a source is also "this outcome" or "the outcome".
        if (list.Count == 1)
        {
            names.Add(("this outcome", list[0].Id));
            names.Add(("the outcome", list[0].Id));
        }

        // Ratio names without the trailing digit of their parts (FEV1/FVC as FEV/FVC).
        foreach (var (name, id) in names.ToList())
        {
            if (name.Contains('/', StringComparison.Ordinal))
            {
                var parts = name.Split('/');
                var stripped = string.Join('/', parts.Select(p => p.Length > 2 && char.IsAsciiDigit(p[^1]) && char.IsLetter(p[^2]) ? p[..^1] : p));
                if (stripped != name)
                {
                    names.Add((stripped, id));
                }
            }
        }

        _names = new NameTrie(names);
    }

    /// <summary>Lower case, with subscript and superscript digits, the minus sign and dashes as plain characters (one for one).</summary>
    public static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '₁' or '\u00B9' => '1',
                '₂' or '²' => '2',
                '\u2212' or '\u2013' or '\u2014' or '\u2010' or '\u2011' => '-',
                '\u00A0' => ' ',
                _ => char.ToLowerInvariant(c),
            });
        }

        return sb.ToString();
    }

    /// <summary>A name as a text shows it: <see cref="Normalise"/>d, runs of white space as one space (a summary's blocks collapse them), trimmed.</summary>
    public static string NormaliseName(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in Normalise(name))
        {
            if (char.IsWhiteSpace(c))
            {
                if (sb.Length > 0 && sb[^1] != ' ')
                {
                    sb.Append(' ');
                }
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>Mentions in <paramref name="text"/> (normalised internally), in text order, longest names first where they overlap.</summary>
    public List<Mention> Find(string text) => Find(text, _names, new bool[text.Length]);

    /// <summary>
    /// Where the source's other texts (<c>quoted</c> in the constructor) stand in <paramref name="text"/>, outside the
    /// outcome mentions <paramref name="mentions"/>; the mentions' <see cref="Mention.OutcomeId"/> is empty.
    /// </summary>
    public List<Mention> FindQuoted(string text, IEnumerable<Mention> mentions)
    {
        var taken = new bool[text.Length];
        foreach (var m in mentions)
        {
            for (var i = m.Start; i < m.End; i++)
            {
                taken[i] = true;
            }
        }

        return _anyQuoted ? Find(text, _quoted, taken) : [];
    }

    private static List<Mention> Find(string text, NameTrie names, bool[] taken)
    {
        var normal = Normalise(text);
        var found = new List<Mention>();

        // Left to right: at each place a name may start (not inside a word), the longest name there that ends at a word
        // boundary and overlaps nothing taken. The trie walk stops where no name continues, so this is linear in the
        // text for names of bounded length.
        for (var at = 0; at < normal.Length; at++)
        {
            if ((at > 0 && IsNameChar(normal[at - 1])) || taken[at])
            {
                continue;
            }

            var (end, id) = (-1, "");
            var node = names.Root;
            for (var k = at; k < normal.Length && node.Next(normal[k]) is { } child; k++)
            {
                node = child;
                if (node.Id is { } nodeId && (k + 1 == normal.Length || !IsNameChar(normal[k + 1])) && !taken.AsSpan(at, k + 1 - at).Contains(true))
                {
                    (end, id) = (k + 1, nodeId);
                }
            }

            if (end > 0)
            {
                taken.AsSpan(at, end - at).Fill(true);
                found.Add(new Mention(id, at, end));
                at = end - 1;
            }
        }

        return found;
    }

    /// <summary>Names (normalised) in a trie of characters; a node that ends a name holds the first outcome listed with it.</summary>
    private sealed class NameTrie
    {
        /// <summary>Names longer than this are not looked for (no text writes one; the walk stays bounded).</summary>
        private const int MaxLength = 1000;

        public NameTrie(IEnumerable<(string Name, string Id)> names)
        {
            foreach (var (name, id) in names)
            {
                if (name.Length is 0 or > MaxLength)
                {
                    continue;
                }

                var node = Root;
                foreach (var c in name)
                {
                    node = node.Child(c);
                }

                node.Id ??= id;
            }
        }

        public Node Root { get; } = new();

        public sealed class Node
        {
            private Dictionary<char, Node>? _children;

            public string? Id { get; set; }

            public Node? Next(char c) => _children is not null && _children.TryGetValue(c, out var n) ? n : null;

            public Node Child(char c)
            {
                _children ??= [];
                return _children.TryGetValue(c, out var n) ? n : _children[c] = new Node();
            }
        }
    }

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c);
}
