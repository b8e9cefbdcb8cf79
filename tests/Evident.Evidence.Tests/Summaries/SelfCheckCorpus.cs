using Evident.Evidence.Sources;

namespace Evident.Evidence.Tests.Summaries;

/// <summary>
/// Evidence to write summaries from, built in code so that every case the writer must word is covered: every measure
/// family (standardized and raw mean differences, odds, risk, hazard, rate and means ratios, risk differences, Peto,
/// generic estimates), results whose CI excludes or includes no effect in either direction, a trivial result, an
/// estimate at exactly no effect, results with only a p or with neither CI nor p, k = 1, 2 and many, every GRADE
/// certainty and none, outcomes whose better direction is up, down or unknown, published (rounded) and analysed
/// (unrounded) numbers, with and without the review's facts; and sources of two to six outcomes whose results mix all
/// of these. Deterministic: a case is rebuilt from its name.
/// </summary>
internal static class SelfCheckCorpus
{
    /// <summary>A measure, whether it is a ratio, and the spread of its log or raw effects.</summary>
    private static readonly (string Measure, bool Ratio, double Scale)[] Families =
    [
        ("SMD", false, 1), ("SMDH", false, 1), ("MD", false, 6), ("OR", true, 1), ("RR", true, 0.8), ("HR", true, 0.6),
        ("IRR", true, 0.7), ("PETO", true, 1), ("ROM", true, 0.3), ("RD", false, 0.12), ("GEN", false, 1.5),
    ];

    /// <summary>What a result shows.</summary>
    private enum Shape
    {
        ExcludesUp,
        ExcludesDown,
        IncludesUp,
        IncludesDown,
        Trivial,
        AtNull,
        POnlySignificant,
        POnlyNot,
        EstimateOnly,
        Wide,
    }

    private static readonly Certainty?[] Certainties = [null, Certainty.High, Certainty.Moderate, Certainty.Low, Certainty.VeryLow];

    private static readonly bool?[] Directions = [true, false, null];

    private static readonly int[] StudyCounts = [1, 2, 14];

    private static readonly (string Name, string? Full)[] OutcomeNames =
    [
        ("pain", null), ("FEV1", "forced expiratory volume in one second"), ("mortality", "death from any cause"),
        ("HbA1c", "glycated haemoglobin"), ("walking distance", null), ("relapse", "relapse within one year"),
        ("QoL", "quality of life"), ("length of stay", null), ("PEF", "peak expiratory flow"), ("admission", "hospital admission"),
    ];

    /// <summary>The names of every case.</summary>
    public static IEnumerable<string> Names()
    {
        for (var f = 0; f < Families.Length; f++)
        {
            foreach (var shape in Enum.GetValues<Shape>())
            {
                yield return $"one-{Families[f].Measure}-{shape}";
            }
        }

        for (var i = 0; i < 60; i++)
        {
            yield return $"mixed-{i:00}";
        }
    }

    /// <summary>The evidence of a case.</summary>
    public static EvidenceSource Source(string name)
    {
        var parts = name.Split('-');
        if (parts[0] == "one")
        {
            var family = Array.FindIndex(Families, f => f.Measure == parts[1]);
            var shape = Enum.Parse<Shape>(parts[2]);
            var index = (family * 10) + (int)shape;
            var published = index % 2 == 0;
            var facts = index % 4 < 2;
            var outcome = Outcome(OutcomeNames[index % OutcomeNames.Length], family, shape, Certainties[index % 5], Directions[index % 3],
                StudyCounts[(index / 3) % 3], published, facts, index);
            return Build(published, facts, [outcome], index, name);
        }

        var seed = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        var random = new Random(7919 + seed);
        var count = 2 + random.Next(5);
        var isPublished = random.Next(2) == 0;
        var hasFacts = random.Next(3) > 0;
        var certaintyAll = random.Next(3) == 0 ? Certainties[random.Next(5)] : (Certainty?)null;
        var outcomes = new List<OutcomeEvidence>();
        foreach (var (n, full) in OutcomeNames.OrderBy(_ => random.Next()).Take(count))
        {
            var shapes = Enum.GetValues<Shape>();
            var certainty = random.Next(2) == 0 ? certaintyAll : Certainties[random.Next(5)];
            outcomes.Add(Outcome((n, full), random.Next(Families.Length), shapes[random.Next(shapes.Length)], certainty, Directions[random.Next(3)],
                StudyCounts[random.Next(3)], isPublished, hasFacts, random.Next(1000)));
        }

        return Build(isPublished, hasFacts, outcomes, seed, name);
    }

    private static EvidenceSource Build(bool published, bool facts, List<OutcomeEvidence> outcomes, int index, string name)
    {
        var studies = outcomes.Max(o => o.Studies ?? 0);
        var participants = outcomes.Max(o => o.Participants ?? 0);
        var review = facts
            ? new ReviewFacts
            {
                Title = "Exercise training for adults with heart failure",
                StudyType = "systematic review and meta-analysis",
                Intervention = "exercise training",
                InterventionShort = index % 3 == 0 ? "ET" : null,
                Comparator = index % 2 == 0 ? "usual care" : null,
                Condition = "heart failure",
                ConditionShort = index % 3 == 0 ? "HF" : null,
                Population = index % 5 == 0 ? null : "adults with heart failure",
                Design = (IncludedDesign)(index % 4),
                Studies = studies,
                Participants = participants,
                RecordsFound = index % 3 == 1 ? null : (studies * 31) + 7,
                Databases = index % 2 == 0 ? ["MEDLINE", "Embase", "CENTRAL"] : [],
                SearchDate = index % 3 == 2 ? null : "2025-03-14",
                Published = index % 2 == 1 ? "2025-06" : null,
                FollowUp = index % 4 == 3 ? "12 months" : null,
                Citation = index % 2 == 0 ? "https://example.org/review" : null,
                AdverseEventsReported = index % 3 == 0 ? false : index % 3 == 1 ? true : null,
                FundingReported = index % 4 == 0 ? false : null,
                ConflictsReported = index % 5 == 0 ? false : null,
            }
            : new ReviewFacts { Studies = studies > 0 ? studies : null, Participants = participants > 0 ? participants : null };
        return new EvidenceSource(published ? SourceKind.Published : SourceKind.Analysis, name + (published ? ".json" : ".csv"), review, [.. outcomes]);
    }

    private static OutcomeEvidence Outcome((string Name, string? Full) name, int family, Shape shape, Certainty? certainty, bool? higherIsBetter,
        int k, bool published, bool facts, int salt)
    {
        var (measure, ratio, scale) = Families[family];
        var random = new Random(salt * 31 + family);
        var size = scale * (0.15 + (random.NextDouble() * 0.7));
        var se = size / (2.5 + random.NextDouble());
        var theta = shape switch
        {
            Shape.ExcludesUp or Shape.POnlySignificant => size,
            Shape.ExcludesDown => -size,
            Shape.IncludesUp or Shape.POnlyNot or Shape.EstimateOnly => size / 3,
            Shape.IncludesDown => -size / 3,
            Shape.Trivial => scale * 0.05,
            Shape.Wide => size,
            _ => 0,
        };
        if (shape == Shape.Trivial)
        {
            se = scale * 0.012;
        }
        else if (shape == Shape.Wide)
        {
            se = size * 0.49;
        }

        var z = Math.Abs(theta / se);
        var p = 2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -z);
        double Show(double x) => ratio ? Math.Exp(x) : x;
        SourceNumber Number(double x)
        {
            if (!published)
            {
                return SourceNumber.Exact(x);
            }

            var decimals = Math.Abs(x) < 0.1 ? 3 : 2;
            return new SourceNumber(Math.Round(x, decimals, MidpointRounding.AwayFromZero), decimals);
        }

        var hasCi = shape is not (Shape.POnlySignificant or Shape.POnlyNot or Shape.EstimateOnly);
        var hasP = shape != Shape.EstimateOnly;
        ReportedP? reported = !hasP ? null
            : published && p < 0.001 ? new ReportedP(new SourceNumber(0.001, 3), PRelation.Less)
            : new ReportedP(published ? new SourceNumber(Math.Round(p, p < 0.01 ? 3 : 2, MidpointRounding.AwayFromZero), p < 0.01 ? 3 : 2) : SourceNumber.Exact(p), PRelation.Equal);
        var i2 = random.Next(4) switch { 0 => 0, 1 => 35, 2 => 62, _ => 88 } + random.Next(5);
        var n = k * (30 + random.Next(200));
        return new OutcomeEvidence
        {
            Id = PublishedResults.Slug(name.Name),
            Name = name.Name,
            FullName = facts ? name.Full : null,
            Measure = measure,
            Estimate = Number(Show(theta)),
            CiLower = hasCi ? Number(Show(theta - (1.959964 * se))) : null,
            CiUpper = hasCi ? Number(Show(theta + (1.959964 * se))) : null,
            P = reported,
            I2 = k > 1 ? (published ? new SourceNumber(i2, 0) : SourceNumber.Exact(i2 + 0.37)) : null,
            Studies = k,
            Participants = n,
            PiLower = !published && k > 2 && hasCi ? SourceNumber.Exact(Show(theta - (2.3 * se))) : null,
            PiUpper = !published && k > 2 && hasCi ? SourceNumber.Exact(Show(theta + (2.3 * se))) : null,
            HigherIsBetter = facts ? higherIsBetter : null,
            Certainty = facts ? certainty : null,
        };
    }
}
