using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Diagnostics;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

// What compiling C# costs Roslyn, in process, per folder: each argument is a folder of *.cs files (a
// variant: the synthetic sources alone, plus one generator's *.Pix.g.cs files, …). The folders are
// compiled in turn, REPS rounds, alternating, each time from the text: parse, bind every body (the
// compilation's diagnostics, as a build reports them) and emit to memory. Prints each phase's minimum
// and median per folder: the minimum is the figure least disturbed by other processes on a shared machine.
// Language version: Preview, because this Roslyn (4.11) calls C# 13 features of the .NET 10 reference
// assemblies (ref struct interfaces) preview; the SDK's own compiler has them as C# 14.
//
//   dotnet run -c Release --project bench/Pix.CompileCost -- [--reps 7] folder1 folder2 …
int reps = 7;
var folders = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--reps" && i + 1 < args.Length && int.TryParse(args[i + 1], out int r) && r > 0)
    {
        reps = r;
        i++;
    }
    else if (Directory.Exists(args[i]))
    {
        folders.Add(args[i]);
    }
    else
    {
        Console.Error.WriteLine($"'{args[i]}' is not a folder (usage: [--reps N] folder…).");
        return 2;
    }
}

if (folders.Count == 0)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Pix.CompileCost -- [--reps N] folder…");
    return 2;
}

MetadataReference[] references = Net100.References.All
    .Append(MetadataReference.CreateFromFile(typeof(Pix.HardwareProfile).Assembly.Location))
    .ToArray();
var parseOptions = new CSharpParseOptions(LanguageVersion.Preview, DocumentationMode.Parse);
// One thread, so that the process's CPU time is the compiler's work: on a shared, loaded machine the
// wall time mostly measures waiting for a core, the CPU time much less so.
var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release, concurrentBuild: false);
Process self = Process.GetCurrentProcess();
var times = folders.ToDictionary(f => f, _ => new List<(double Parse, double Bind, double Emit, double Cpu)>());
for (int round = -1; round < reps; round++)
{
    foreach (string folder in folders)
    {
        self.Refresh();
        TimeSpan cpuBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        SyntaxTree[] trees = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal)
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parseOptions, path))
            .ToArray();
        foreach (SyntaxTree tree in trees)
        {
            _ = tree.GetRoot();
        }

        double parse = clock.Elapsed.TotalMilliseconds;
        CSharpCompilation compilation = CSharpCompilation.Create("Variant", trees, references, options);
        Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        double bind = clock.Elapsed.TotalMilliseconds - parse;
        if (errors.Length > 0)
        {
            Console.Error.WriteLine($"{folder} does not compile: {errors.Length} errors, first: {errors[0]}");
            return 1;
        }

        using var pe = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(pe);
        double emit = clock.Elapsed.TotalMilliseconds - parse - bind;
        if (!result.Success)
        {
            Console.Error.WriteLine($"{folder} does not emit: {result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error)}");
            return 1;
        }

        self.Refresh();
        double cpu = (self.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        if (round >= 0)
        {
            // Round -1 warms the JIT up and is not counted.
            times[folder].Add((parse, bind, emit, cpu));
        }
    }
}

Console.WriteLine($"load {File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Aggregate((a, b) => a + " " + b)}; {reps} rounds, alternating, one compiler thread; wall ms per phase and CPU ms in all, minimum / median");
Console.WriteLine("| folder | bytes | parse | bind | emit | total | CPU |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (string folder in folders)
{
    List<(double Parse, double Bind, double Emit, double Cpu)> t = times[folder];
    long bytes = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories).Sum(p => new FileInfo(p).Length);
    Console.WriteLine($"| {folder} | {bytes:N0} | {Stat(t.Select(x => x.Parse))} | {Stat(t.Select(x => x.Bind))} | {Stat(t.Select(x => x.Emit))} | {Stat(t.Select(x => x.Parse + x.Bind + x.Emit))} | {Stat(t.Select(x => x.Cpu))} |");
}

return 0;

static string Stat(IEnumerable<double> values)
{
    double[] sorted = values.OrderBy(v => v).ToArray();
    return $"{sorted[0]:0} / {sorted[sorted.Length / 2]:0}";
}
