using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process: the corpus compilation and Roslyn load once; a short job keeps the run to about a minute
// on a shared 2-core machine. Pass BenchmarkDotNet arguments through (e.g. --job default).
var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkSwitcher.FromAssembly(typeof(Pix.Analyzers.Benchmarks.ConstantTimeBenchmarks).Assembly).Run(args, config);
