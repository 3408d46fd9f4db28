using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Pix.Cli.Validation;

/// <summary>Runs each target's sweep: build inputs, predict with <c>LatencyOf_X</c>, measure the method.</summary>
internal sealed class ValidationRunner
{
    private readonly HardwareProfile _profile;
    private readonly MeasurementOptions _measurement;
    private readonly TextWriter _progress;

    public ValidationRunner(HardwareProfile profile, MeasurementOptions measurement, TextWriter progress)
    {
        _profile = profile;
        _measurement = measurement;
        _progress = progress;
    }

    public MethodValidation Run(ValidationTarget target, IReadOnlyList<int> sizes)
    {
        if (target.NotValidatedBecause is not null)
        {
            return new MethodValidation(target.DisplayName, Array.Empty<ValidationPoint>(), target.NotValidatedBecause);
        }

        Func<object?[], object?> call;
        Func<object?[], object?> predict;
        try
        {
            call = Invoker.Create(target.Method, boxResult: false);
            predict = Invoker.Create(target.LatencyMethod!, boxResult: true);
        }
        catch (NotSupportedException e)
        {
            return new MethodValidation(target.DisplayName, Array.Empty<ValidationPoint>(), e.Message);
        }

        var points = new List<ValidationPoint>();
        foreach (int size in sizes)
        {
            object?[] inputs;
            try
            {
                inputs = (object?[]?)target.Factory!.Invoke(null, new object[] { size })
                    ?? throw new CommandLineException($"{target.Factory.Name}({size}) returned null.");
            }
            catch (TargetInvocationException e)
            {
                return new MethodValidation(target.DisplayName, points, $"{target.Factory!.Name}({size}) threw {e.InnerException!.GetType().Name}: {e.InnerException.Message}");
            }

            if (!TrySplit(target, inputs, out object?[] methodArguments, out object?[] latencyArguments, out string? problem))
            {
                return new MethodValidation(target.DisplayName, points, problem);
            }

            Latency predicted;
            MeasurementResult measured;
            try
            {
                predicted = (Latency)predict(latencyArguments)!;
            }
            catch (InvalidCastException e)
            {
                return new MethodValidation(target.DisplayName, points, $"{target.Factory!.Name}({size}) returned a value of the wrong type: {e.Message}");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The user's code (the generated interface) failed on these inputs: report it for this method, go on with the others.
                return new MethodValidation(target.DisplayName, points, $"LatencyOf_{target.Method.Name} threw {e.GetType().Name} at size {size}: {e.Message}");
            }

            try
            {
                measured = Measurement.Measure(() => call(methodArguments), _measurement);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return new MethodValidation(target.DisplayName, points, $"{target.Method.Name} threw {e.GetType().Name} at size {size}: {e.Message}");
            }

            _progress.WriteLine($"  {target.Method.Name}, size {size}: predicted {predicted}, measured {measured}");
            points.Add(new ValidationPoint(size, predicted, measured));
        }

        return new MethodValidation(target.DisplayName, points, null);
    }

    /// <summary>
    /// Splits the factory's values into the method's arguments (target first for an instance method)
    /// and <c>LatencyOf_X</c>'s: the same, then the profile, then PCVs (defaults where the factory has none).
    /// </summary>
    private bool TrySplit(ValidationTarget target, object?[] inputs, out object?[] methodArguments, out object?[] latencyArguments, out string? problem)
    {
        int callCount = Invoker.ArgumentCount(target.Method);
        ParameterInfo[] pcvs = target.LatencyMethod!.GetParameters().Skip(target.Method.GetParameters().Length + 1).ToArray();
        methodArguments = inputs.Take(callCount).ToArray();
        latencyArguments = Array.Empty<object?>();
        int supplied = inputs.Length - callCount;
        if (inputs.Length < callCount || supplied > pcvs.Length)
        {
            problem = $"{target.Factory!.Name} returned {inputs.Length} values; {target.Method.Name} needs {callCount}"
                + (pcvs.Length > 0 ? $", plus up to {pcvs.Length} PCV value(s) ({string.Join(", ", pcvs.Select(p => p.Name))})" : string.Empty);
            return false;
        }

        var arguments = new List<object?>(methodArguments) { _profile };
        for (int i = 0; i < pcvs.Length; i++)
        {
            if (i < supplied)
            {
                arguments.Add(inputs[callCount + i]);
            }
            else if (pcvs[i].HasDefaultValue)
            {
                arguments.Add(pcvs[i].DefaultValue);
            }
            else
            {
                problem = $"LatencyOf_{target.Method.Name} needs PCV '{pcvs[i].Name}', and {target.Factory!.Name} does not supply it";
                return false;
            }
        }

        latencyArguments = arguments.ToArray();
        problem = null;
        return true;
    }
}
