namespace Evident.Review.Prisma;

/// <summary>The stable codes of problems in PRISMA 2020 counts (<see cref="PrismaTable"/>, <see cref="PrismaChecks"/>); the README lists them.</summary>
public static class PrismaIssueCodes
{
    /// <summary>The header lacks the <c>data</c> or <c>n</c> column; nothing is drawn.</summary>
    public const string MissingColumn = "prisma-missing-column";

    /// <summary>No row names a box the diagram draws; nothing is drawn.</summary>
    public const string NoCounts = "prisma-no-counts";

    /// <summary>A count is not a whole number ≥ 0 (or a list entry has no count); it is drawn as written.</summary>
    public const string NotACount = "prisma-not-a-count";

    /// <summary>The counts do not add up: the message names the boxes and their numbers.</summary>
    public const string CountMismatch = "prisma-count-mismatch";

    /// <summary>A row's <c>data</c> key is not one of PRISMA2020's; it is ignored (warning).</summary>
    public const string UnknownRow = "prisma-unknown-row";

    /// <summary>A <c>data</c> key appears twice; the first row is used (warning).</summary>
    public const string DuplicateRow = "prisma-duplicate-row";
}
