using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Pix;
using Pix.Cli.Commands;
using Pix.Cli.Validation;
using Pix.Samples.NetworkFunctions.Driver;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.ClassEffect;

/// <summary>
/// Every prediction the accuracy reports are made of, on one profile: each Quickstart interface at each size
/// `pix validate` sweeps (its [PerformanceInputs] sizes, else the command's default), and each network function's
/// median prediction over its workload's packets, as the driver reports it.
/// </summary>
internal sealed class Predictions
{
    private readonly List<(string Name, Func<HardwareProfile, double> Predict)> _points = new();

    public Predictions(Assembly quickstart, MachineCaches caches)
    {
        foreach (ValidationTarget target in ValidationTarget.Discover(quickstart).Where(t => t.NotValidatedBecause is null))
        {
            AddSweep(target);
        }

        foreach ((string nf, string workload) in ScenarioCatalog.All)
        {
            Scenario scenario = ScenarioCatalog.Create(nf, workload, ScenarioCatalog.DefaultSeed, caches);
            PcvTrace trace = scenario.TracePcvs();
            _points.Add(($"{nf} {workload}", hw => Statistics.Median(scenario.PredictAll(hw, trace) ?? throw new InvalidOperationException($"{nf} has no interface"))));
        }
    }

    public IReadOnlyList<string> Names => _points.Select(p => p.Name).ToList();

    public double[] On(HardwareProfile hw) => _points.Select(p => p.Predict(hw)).ToArray();

    /// <summary>
    /// As `pix validate` does: its targets (ValidationTarget), its sizes, its invoker (a byte[] becomes the ReadOnlySpan the
    /// interface takes); the factory's values are the method's arguments then its PCVs, and LatencyOf_X takes the arguments,
    /// the profile, then the PCVs (their defaults where the factory has none).
    /// </summary>
    private void AddSweep(ValidationTarget target)
    {
        Func<object?[], object?> latency = Invoker.Create(target.LatencyMethod!, boxResult: true);
        int arity = Invoker.ArgumentCount(target.Method);
        ParameterInfo[] pcvs = target.LatencyMethod!.GetParameters().Skip(target.Method.GetParameters().Length + 1).ToArray();
        foreach (int size in target.DeclaredSizes.Count > 0 ? target.DeclaredSizes : ValidateCommand.DefaultSizes)
        {
            // One input set, or several of one size (object?[][]): then the mean of their predictions, as `pix validate` predicts.
            IReadOnlyList<object?[]> sets = InputRotation.Sets(target.Factory!.Invoke(null, new object[] { size }))
                ?? throw new InvalidOperationException($"{target.Factory.Name}({size}) returned no input set");
            _points.Add(($"{target.Method.DeclaringType!.Name}.{target.Method.Name}({size})", hw => sets.Average(values =>
            {
                object?[] pcvValues = pcvs.Select((p, i) => arity + i < values.Length ? values[arity + i] : p.DefaultValue).ToArray();
                return ((Latency)latency(values.Take(arity).Append(hw).Concat(pcvValues).ToArray())!).Nanoseconds;
            })));
        }
    }
}
