using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Model;
using Pix.Samples.Tests.Conciseness;

namespace Pix.Samples.Tests.Interfaces;

/// <summary>
/// The interface models the extractor produces for the sample's entry points, extracted once per
/// test class (the sample compilation takes seconds to bind), with the time each extraction took.
/// </summary>
public sealed class NetworkFunctionModels
{
    private readonly Dictionary<string, InterfaceModel> _models = new(StringComparer.Ordinal);

    public NetworkFunctionModels()
    {
        Compilation = SampleCompilation.Create();
        foreach (IMethodSymbol method in SourceSizeTests.EntryPoints(Compilation))
        {
            string key = method.ContainingType.Name + "." + method.Name;
            long start = Stopwatch.GetTimestamp();
            _models[key] = InterfaceExtractor.Extract(method, Compilation, Options, CancellationToken.None);
            ExtractionTimes[key] = Stopwatch.GetElapsedTime(start);
        }
    }

    /// <summary>The default options without reuse across compilations: the extraction times are of real extractions.</summary>
    public static ExtractionOptions Options { get; } = ExtractionOptions.Default with { ReuseAcrossCompilations = false };

    public Compilation Compilation { get; }

    /// <summary>Wall time of each extraction (the first includes binding the compilation).</summary>
    public Dictionary<string, TimeSpan> ExtractionTimes { get; } = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> EntryPoints => _models.Keys;

    /// <summary>The model of <c>Type.Method</c>.</summary>
    public InterfaceModel this[string entryPoint] => _models[entryPoint];

    /// <summary>
    /// Evaluates <paramref name="entryPoint"/>'s interface on the reference profile. Inputs take
    /// <paramref name="inputs"/> (by quantity name) or a default (64 for sizes, else 0); PCVs take
    /// <paramref name="pcvs"/>, matched by the name given in the hint (a suffix the extractor adds to
    /// keep names unique is ignored), else their bound.
    /// </summary>
    public double Evaluate(string entryPoint, IReadOnlyDictionary<string, double>? pcvs = null, IReadOnlyDictionary<string, double>? inputs = null)
    {
        InterfaceModel model = this[entryPoint];
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Quantity quantity in model.Quantities)
        {
            if (quantity.IsPcv)
            {
                string? hinted = pcvs?.Keys.FirstOrDefault(name => PcvNamed(quantity, name));
                if (hinted is not null)
                {
                    values[quantity.Name] = pcvs![hinted];
                }
            }
            else
            {
                values[quantity.Name] = inputs is not null && inputs.TryGetValue(quantity.Name, out double v) ? v
                    : quantity.Kind == QuantityKind.Size ? 64 : 0;
            }
        }

        return ModelEvaluator.Evaluate(model, values, HardwareProfile.Reference).Nanoseconds;
    }

    /// <summary>Whether <paramref name="pcv"/> is the one a hint named <paramref name="name"/> (possibly suffixed _2, _3…).</summary>
    public static bool PcvNamed(Quantity pcv, string name) =>
        pcv.Name == name || (pcv.Name.StartsWith(name + "_", StringComparison.Ordinal) && int.TryParse(pcv.Name.AsSpan(name.Length + 1), out _));
}
