using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.ConstantTime;
using Pix.Robustness.Tests.Fuzzing;
using Pix.Testing;

namespace Pix.Robustness.Tests;

/// <summary>
/// The constant-time check on the fuzzed programs, every method made <c>[ConstantTime]</c> (so every
/// parameter is secret and every branch on one asks for its arm costs from the extractor): it must
/// never throw, and every finding must lie inside the method it was reported for.
/// </summary>
public sealed class ConstantTimeFuzzTests(FuzzCorpus corpus) : IClassFixture<FuzzCorpus>
{
    [Fact]
    public void The_constant_time_check_never_throws_on_fuzzed_code()
    {
        var failures = new List<string>();
        int checkedMethods = 0;
        int branches = 0;
        foreach (FuzzProgram program in corpus.Programs)
        {
            string source = program.Source.Replace("    public static long ", "    [Pix.ConstantTime] public static long ");
            Compilation compilation = TestCompilation.CreateNamed("FuzzCt", source);
            if (compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                continue; // The_fuzzer_generates_valid_CSharp reports it.
            }

            var engine = new ConstantTimeEngine(compilation, ConstantTimeSymbols.Create(compilation)!);
            INamedTypeSymbol type = compilation.GetTypeByMetadataName($"Fuzz{program.Seed}")!;
            foreach (string name in program.Mixed.Concat(program.Monotone))
            {
                IMethodSymbol method = type.GetMembers(name).OfType<IMethodSymbol>().Single();
                try
                {
                    ConstantTimeReport report = engine.Check(method, CancellationToken.None)!;
                    Microsoft.CodeAnalysis.Text.TextSpan span = method.DeclaringSyntaxReferences[0].Span;
                    if (report.Findings.Any(f => !span.Contains(f.Location.SourceSpan)))
                    {
                        failures.Add($"{name} of seed {program.Seed}: a finding outside the method");
                    }

                    checkedMethods++;
                    branches += report.Findings.Count(f => f.Kind == ViolationKind.Branch);
                }
                catch (Exception e)
                {
                    failures.Add($"{name} of seed {program.Seed}: {e}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(5)));
        Assert.True(checkedMethods > 0, "No fuzzed method was checked.");
        Assert.True(branches > 0, "No secret branch in the fuzzed code: the arm comparison was not exercised.");
    }
}
