using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Pix.Benchmarks -- --filter '*'   (see docs/performance.md)
BenchmarkSwitcher.FromAssembly(typeof(Pix.Benchmarks.ExtractionBenchmarks).Assembly).Run(args);
