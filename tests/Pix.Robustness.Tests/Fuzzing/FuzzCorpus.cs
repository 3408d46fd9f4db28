using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Model;
using Pix.Testing;

namespace Pix.Robustness.Tests.Fuzzing;

/// <summary>One fuzzed method, extracted twice (two independent compilations of the same source).</summary>
/// <param name="First">The first extraction's interface, or null when it threw.</param>
/// <param name="Second">The second extraction's interface, or null when it threw.</param>
/// <param name="Failure">The first exception either extraction threw.</param>
internal sealed record FuzzedMethod(FuzzProgram Program, string Name, bool IsMonotone, InterfaceModel? First, InterfaceModel? Second, Exception? Failure)
{
    public string Where => $"{Name} of seed {Program.Seed} (rerun: PIX_FUZZ_SEED={Program.Seed} PIX_FUZZ_PROGRAMS=1)";
}

/// <summary>
/// The fuzzed programs of this run, compiled and extracted once and shared by every property test
/// (xunit class fixture): generation and extraction are the expensive part.
/// </summary>
public sealed class FuzzCorpus
{
    internal const int MixedPerProgram = 6;
    internal const int MonotonePerProgram = 3;

    public FuzzCorpus()
    {
        var programs = new List<FuzzProgram>();
        var methods = new List<FuzzedMethod>();
        var compileErrors = new List<string>();
        for (int k = 0; k < FuzzSettings.Programs; k++)
        {
            FuzzProgram program = new CSharpMethodFuzzer(FuzzSettings.Seed + k).Generate(MixedPerProgram, MonotonePerProgram);
            programs.Add(program);
            Compilation first = TestCompilation.CreateNamed("Fuzz", program.Source);
            Compilation second = TestCompilation.CreateNamed("Fuzz", program.Source);
            var errors = first.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                // A fuzzer bug, reported by The_fuzzer_generates_valid_CSharp; the properties need valid code.
                compileErrors.AddRange(errors.Select(d => $"seed {program.Seed}: {d}"));
                compileErrors.Add(program.Source);
                continue;
            }

            foreach ((string name, bool monotone) in program.Mixed.Select(m => (m, false)).Concat(program.Monotone.Select(m => (m, true))))
            {
                (InterfaceModel? a, Exception? ea) = Extract(first, program, name);
                (InterfaceModel? b, Exception? eb) = Extract(second, program, name);
                methods.Add(new FuzzedMethod(program, name, monotone, a, b, ea ?? eb));
            }
        }

        Programs = programs;
        Methods = methods;
        CompileErrors = compileErrors;
    }

    internal IReadOnlyList<FuzzProgram> Programs { get; }

    internal IReadOnlyList<FuzzedMethod> Methods { get; }

    internal IReadOnlyList<string> CompileErrors { get; }

    private static (InterfaceModel?, Exception?) Extract(Compilation compilation, FuzzProgram program, string name)
    {
        IMethodSymbol method = compilation.GetTypeByMetadataName($"Fuzz{program.Seed}")!.GetMembers(name).OfType<IMethodSymbol>().Single();
        try
        {
            // No reuse across compilations: the second extraction must run on its own for the determinism property.
            return (InterfaceExtractor.Extract(method, compilation, ExtractionOptions.Default with { ReuseAcrossCompilations = false }, CancellationToken.None), null);
        }
        catch (Exception e)
        {
            // Recorded, not rethrown: the property test reports every failing seed at once.
            return (null, e);
        }
    }
}
