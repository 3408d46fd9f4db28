using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Pix.Benchmarks -- --filter '*'   (see docs/performance.md)
// dotnet run -c Release --project bench/Pix.Benchmarks -- --explain-incremental   (step reasons after an edit)
if (args is ["--explain-incremental"])
{
    Pix.Benchmarks.IncrementalStepReport.Print();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Pix.Benchmarks.ExtractionBenchmarks).Assembly).Run(args);
