using BenchmarkDotNet.Running;
using Evident.Benchmarks;

// `time FILE.csv...` is the quick harness vs-metafor.sh uses; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "time")
{
    return TimeHarness.Run(args[1..]);
}

// `time-sensitivity FILE.csv...`: leave-one-out and influence, for sensitivity-vs-metafor.sh.
if (args.Length > 0 && args[0] == "time-sensitivity")
{
    return SensitivityTimeHarness.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(FitBenchmarks).Assembly).Run(args);
return 0;
