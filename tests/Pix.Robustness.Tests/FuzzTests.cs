using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Model;
using Pix.Robustness.Tests.Fuzzing;

namespace Pix.Robustness.Tests;

/// <summary>
/// Properties every extracted interface must have, checked on seeded random methods (see
/// <see cref="CSharpMethodFuzzer"/>). Each failure names its seed; a long run is
/// <c>PIX_FUZZ_PROGRAMS=2000 PIX_FUZZ_SEED=1 dotnet test tests/Pix.Robustness.Tests --filter FuzzTests</c>.
/// </summary>
public sealed class FuzzTests(FuzzCorpus corpus) : IClassFixture<FuzzCorpus>
{
    private static readonly double[] Sizes = [0, 1, 2, 3, 7, 16, 100, 1_000, 100_000];

    [Fact]
    public void The_fuzzer_generates_valid_CSharp()
    {
        Assert.True(corpus.CompileErrors.Count == 0, string.Join(Environment.NewLine, corpus.CompileErrors.Take(20)));
    }

    [Fact]
    public void Extraction_never_throws()
    {
        var failures = corpus.Methods.Where(m => m.Failure is not null).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {corpus.Methods.Count} extractions threw:{Environment.NewLine}"
            + string.Join(Environment.NewLine, failures.Take(5).Select(f => $"{f.Where}: {f.Failure}")));
    }

    [Fact]
    public void Extraction_is_deterministic()
    {
        var differing = corpus.Methods.Where(m => m.First is not null && m.Second is not null && !m.First.Equals(m.Second)).ToList();
        Assert.True(differing.Count == 0, string.Join(Environment.NewLine, differing.Take(5).Select(m => m.Where)));
    }

    [Fact]
    public void Predictions_are_finite_and_non_negative()
    {
        var problems = new List<string>();
        var random = new Random(FuzzSettings.Seed);
        foreach (FuzzedMethod method in corpus.Methods.Where(m => m.First is not null))
        {
            for (int point = 0; point < 8; point++)
            {
                Dictionary<string, double> values = method.First!.Quantities.ToDictionary(q => q.Name, q => ValueFor(q, random));
                string? problem = Predict(method.First, values, out double ns);
                if (problem is not null || double.IsNaN(ns) || double.IsInfinity(ns) || ns < 0)
                {
                    problems.Add($"{method.Where} at {Show(values)}: {problem ?? ns.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + " ns"}");
                    break;
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Take(10)));
    }

    [Fact]
    public void Interfaces_do_not_decrease_when_loop_bounds_grow()
    {
        // Only the monotone family: by construction their running time is non-decreasing in n for any
        // fixed m, so a prediction that falls as n grows is a wrong interface.
        var problems = new List<string>();
        foreach (FuzzedMethod method in corpus.Methods.Where(m => m.IsMonotone && m.First is not null))
        {
            foreach (double m in new double[] { 0, 5, 64 })
            {
                double previous = 0;
                foreach (double n in Sizes)
                {
                    var values = method.First!.Quantities.ToDictionary(q => q.Name, q => q.Name switch { "n" => n, "m" => m, _ => 16.0 });
                    string? problem = Predict(method.First, values, out double ns);
                    if (problem is not null || ns < previous * (1 - 1e-9))
                    {
                        problems.Add($"{method.Where}: {problem ?? $"{ns:F1} ns at n={n}, m={m} after {previous:F1} ns at the smaller n"}");
                        break;
                    }

                    previous = ns;
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Take(10)));
    }

    private static string? Predict(InterfaceModel model, IReadOnlyDictionary<string, double> values, out double ns)
    {
        ns = 0;
        try
        {
            ns = ModelEvaluator.Evaluate(model, values, HardwareProfile.Reference).Nanoseconds;
            return null;
        }
        catch (Exception e)
        {
            return $"the evaluator threw {e.GetType().Name}: {e.Message}";
        }
    }

    private static double ValueFor(Quantity quantity, Random random) => quantity.Kind switch
    {
        QuantityKind.Flag => random.Next(2),
        _ => Sizes[random.Next(Sizes.Length)],
    };

    private static string Show(Dictionary<string, double> values) =>
        "{" + string.Join(", ", values.Select(v => $"{v.Key}={v.Value}")) + "}";
}
