using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix;

/// <summary>
/// What each abstract operation costs on one machine and runtime. A general-case performance
/// interface takes a profile as a parameter; a calibrated profile of one machine turns it into that
/// deployment's interface.
/// </summary>
/// <remarks>
/// A block of code is priced as the larger of its throughput bound (issue slots, busy ports and
/// multi-instruction sequences; see <see cref="IssueWidth"/>) and its latency bound (the operations on its loop-carried dependency
/// chain at their latency), as basic-block throughput predictors do; see <see cref="PriceBlock(ReadOnlySpan{OperationClass}, ReadOnlySpan{double}, ReadOnlySpan{OperationClass}, ReadOnlySpan{double})"/>.
/// Profiles are immutable; <see cref="With(OperationClass, OperationCost)"/> makes a modified copy.
/// </remarks>
public sealed partial class HardwareProfile
{
    private static readonly int ClassCount = Enum.GetValues(typeof(OperationClass)).Length;

    private readonly OperationCost[] _costs;
    private readonly Dictionary<string, double> _opaque;

    /// <summary>
    /// Creates a profile from a cost per operation class. Every class must be present, except those
    /// added after profiles were first written, which take a default when absent:
    /// <see cref="OperationClass.BranchMiss"/> the <see cref="Reference"/> profile's cost,
    /// <see cref="OperationClass.ScaledLea"/> twice the profile's own <see cref="OperationClass.IntegerAlu"/> latency,
    /// <see cref="OperationClass.AtomicRmw"/> the <see cref="Reference"/> profile's cost,
    /// <see cref="OperationClass.LibraryCopyCall"/> the profile's own <see cref="OperationClass.Call"/> cost,
    /// <see cref="OperationClass.LoopExitMiss"/> the profile's own <see cref="OperationClass.BranchMiss"/> cost.
    /// </summary>
    /// <exception cref="ArgumentException">A class is missing, or a cost is negative, NaN or infinite.</exception>
    public HardwareProfile(
        string name,
        MachineDescription machine,
        IReadOnlyDictionary<OperationClass, OperationCost> costs,
        IReadOnlyDictionary<string, double>? opaqueCallCosts = null,
        double defaultOpaqueCallNs = 50)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Machine = machine ?? throw new ArgumentNullException(nameof(machine));
        if (costs is null)
        {
            throw new ArgumentNullException(nameof(costs));
        }

        _costs = new OperationCost[ClassCount];
        foreach (OperationClass c in AllClasses)
        {
            if (!costs.TryGetValue(c, out OperationCost cost) && !TryGetLaterClassDefault(c, costs, out cost))
            {
                throw new ArgumentException($"The profile has no cost for operation class {c}.", nameof(costs));
            }

            ValidateCost($"{c}.latency", cost.Latency);
            ValidateCost($"{c}.throughput", cost.Throughput);
            _costs[(int)c] = cost;
        }

        _opaque = new Dictionary<string, double>(StringComparer.Ordinal);
        if (opaqueCallCosts is not null)
        {
            foreach (KeyValuePair<string, double> pair in opaqueCallCosts)
            {
                ValidateCost("opaque call " + pair.Key, pair.Value);
                _opaque[pair.Key] = pair.Value;
            }
        }

        ValidateCost("defaultOpaqueCall", defaultOpaqueCallNs);
        DefaultOpaqueCallNs = defaultOpaqueCallNs;
    }

    /// <summary>Every class, indexed by its value: the classes of a dense list of counts.</summary>
    private static readonly OperationClass[] DenseClasses = Enumerable.Range(0, ClassCount).Select(i => (OperationClass)i).ToArray();

    /// <summary>Every operation class, in declaration order.</summary>
    public static IReadOnlyList<OperationClass> AllClasses { get; } =
        ((OperationClass[])Enum.GetValues(typeof(OperationClass))).OrderBy(c => (int)c).ToArray();

    /// <summary>A short name for the profile (e.g. the machine's host name, or <c>reference</c>).</summary>
    public string Name { get; }

    /// <summary>The machine and runtime the costs were measured on.</summary>
    public MachineDescription Machine { get; }

    /// <summary>Cost of an external call Pix could not see into, when no named cost is given.</summary>
    public double DefaultOpaqueCallNs { get; }

    /// <summary>Named costs of external calls (keyed by the opaque term's name).</summary>
    public IReadOnlyDictionary<string, double> OpaqueCallCosts => _opaque;

    /// <summary>The cost of one operation of class <paramref name="operation"/>.</summary>
    public OperationCost this[OperationClass operation] => _costs[(int)operation];

    /// <summary>Latency (ns) of one operation on a dependency chain.</summary>
    public double LatencyNs(OperationClass operation) => _costs[(int)operation].Latency;

    /// <summary>Reciprocal throughput (ns) of one operation among independent ones.</summary>
    public double ThroughputNs(OperationClass operation) => _costs[(int)operation].Throughput;

    /// <summary>Cost (ns) of the named opaque call, or <see cref="DefaultOpaqueCallNs"/>.</summary>
    public double OpaqueNs(string name) => _opaque.TryGetValue(name, out double ns) ? ns : DefaultOpaqueCallNs;

    /// <summary>
    /// Prices one execution of a block given dense counts.
    /// Both spans are indexed by <see cref="OperationClass"/>; shorter spans mean zero for the rest.
    /// The same model as <see cref="PriceBlock(ReadOnlySpan{OperationClass}, ReadOnlySpan{double}, ReadOnlySpan{OperationClass}, ReadOnlySpan{double})"/>,
    /// which it calls (a zero count adds exactly nothing, so dense and sparse counts price alike).
    /// </summary>
    public double PriceBlock(ReadOnlySpan<double> operations, ReadOnlySpan<double> chain)
    {
        ReadOnlySpan<OperationClass> classes = DenseClasses;
        return PriceBlock(
            classes.Slice(0, Math.Min(operations.Length, classes.Length)),
            operations.Slice(0, Math.Min(operations.Length, classes.Length)),
            classes.Slice(0, Math.Min(chain.Length, classes.Length)),
            chain.Slice(0, Math.Min(chain.Length, classes.Length)));
    }

    /// <summary>A copy of this profile with one class's cost replaced.</summary>
    public HardwareProfile With(OperationClass operation, OperationCost cost)
    {
        var costs = AllClasses.ToDictionary(c => c, c => c == operation ? cost : _costs[(int)c]);
        return Copy(Machine, costs);
    }

    /// <summary>
    /// A new profile with <paramref name="machine"/> and <paramref name="costs"/> that keeps every optional part of this one
    /// (the memory-level curve, the issue width, the float ports' sharing, the learnt trip count, the walk-free memory latency). Every <c>With…</c> copies through here, so a
    /// part added to the profile is threaded through one place, not one per builder; each builder then replaces its part.
    /// </summary>
    private HardwareProfile Copy(MachineDescription machine, IReadOnlyDictionary<OperationClass, OperationCost> costs) =>
        new HardwareProfile(Name, machine, costs, _opaque, DefaultOpaqueCallNs)
        {
            _memoryLoads = _memoryLoads,
            _issueWidth = _issueWidth,
            _floatPortSharing = _floatPortSharing,
            _learntTripCount = _learntTripCount,
            _memoryLatencyNs = _memoryLatencyNs,
            _timedProcesses = _timedProcesses,
            _classesTimedAcrossProcesses = _classesTimedAcrossProcesses,
        };

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Machine.Cpu}, {Machine.Runtime})";

    private static void ValidateCost(string what, double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value < 0)
        {
            throw new ArgumentException($"Cost of {what} must be a finite, non-negative number of nanoseconds; got {value}.");
        }
    }
}
