using Evident.Rendering.Tests.RiskOfBias;
using Evident.Review.Prisma;

namespace Evident.Rendering.Tests.Prisma;

/// <summary>PRISMA2020's template, as shipped (all zeros and "xxx") or with a consistent update's counts filled in.</summary>
internal static class PrismaSamples
{
    /// <summary>The counts of an update with every column (<see cref="Evident.Tests.Shared.PrismaUpdate"/>).</summary>
    public static Dictionary<string, string> Update() => Evident.Tests.Shared.PrismaUpdate.Counts();

    /// <summary>The template with the <c>n</c> of the given <c>data</c> keys replaced.</summary>
    public static Table Template(IReadOnlyDictionary<string, string>? n = null)
    {
        var template = SharedTable.PrismaTemplate();
        if (n is null)
        {
            return template;
        }

        var data = template.Header.ToList().IndexOf("data");
        var count = template.Header.ToList().IndexOf("n");
        return template with
        {
            Rows = [.. template.Rows.Select(r => n.TryGetValue(r[data], out var value) ? (IReadOnlyList<string>)[.. r.Take(count), value] : r)],
        };
    }

    /// <summary>The counts of <see cref="Template"/>, asserting they were read with no problems.</summary>
    public static PrismaCounts Counts(IReadOnlyDictionary<string, string> n)
    {
        var table = Template(n);
        var read = PrismaTable.Read(table.Header, table.Rows);
        Assert.Empty(read.Issues);
        return read.Counts!;
    }

    /// <summary>The update's counts with some replaced.</summary>
    public static PrismaCounts UpdateWith(params (string Key, string N)[] changes)
    {
        var n = Update();
        foreach (var (key, value) in changes)
        {
            n[key] = value;
        }

        return Counts(n);
    }
}
