using System;

namespace Pix;

/// <summary>
/// What one abstract operation costs on a machine, in nanoseconds: its <see cref="Latency"/> when it
/// sits on a dependency chain, and its reciprocal <see cref="Throughput"/> when independent
/// operations of the class overlap.
/// </summary>
public readonly struct OperationCost : IEquatable<OperationCost>
{
    /// <summary>Creates a cost.</summary>
    public OperationCost(double latencyNs, double throughputNs)
    {
        Latency = latencyNs;
        Throughput = throughputNs;
    }

    /// <summary>Nanoseconds from operands ready to result ready.</summary>
    public double Latency { get; }

    /// <summary>Nanoseconds per operation when many independent ones are in flight.</summary>
    public double Throughput { get; }

    /// <inheritdoc/>
    public bool Equals(OperationCost other) => Latency.Equals(other.Latency) && Throughput.Equals(other.Throughput);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OperationCost other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Latency.GetHashCode() * 31 + Throughput.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => $"latency {Latency:0.###} ns, throughput {Throughput:0.###} ns";
}
