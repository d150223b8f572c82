using BenchmarkDotNet.Running;
using HumanSecurityAlerts.Benchmarks.Harness;

// `harness <scenario> [options]` runs one end-to-end measurement against Azurite and the local broker (see
// benchmarks/README.md); anything else goes to BenchmarkDotNet: pick benchmarks with --filter, e.g.
// `dotnet run -c Release -- --filter *Classifier* --job short`.
if (args.Length > 0 && args[0] == "harness")
{
    return await HarnessCommand.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(HumanSecurityAlerts.Benchmarks.ClassifierBenchmarks).Assembly).Run(args);
return 0;
