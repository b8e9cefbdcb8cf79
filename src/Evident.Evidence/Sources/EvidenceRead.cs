using System.Collections.Immutable;

namespace Evident.Evidence.Sources;

/// <summary>What reading an evidence file gave: the source (null when the file could not be read at all) and its issues.</summary>
/// <param name="Source">The evidence, with every value that could be read.</param>
/// <param name="Issues">Located problems, in file order.</param>
public sealed record EvidenceRead(EvidenceSource? Source, ImmutableArray<EvidenceIssue> Issues)
{
    /// <summary>Whether any issue is an error.</summary>
    public bool HasErrors => Issues.Any(i => i.Severity == EvidenceIssueSeverity.Error);
}
