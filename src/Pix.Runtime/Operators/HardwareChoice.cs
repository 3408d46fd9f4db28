using System;
using System.Collections.Generic;
using System.Globalization;

namespace Pix;

/// <summary>
/// Choosing hardware: evaluate an interface for a traffic mix on two profiles (two machines, or a
/// machine and a variant of it) and say which is faster, and by how much.
/// </summary>
public static class HardwareChoice
{
    /// <summary>Compares <paramref name="first"/> and <paramref name="second"/> on the inputs of a traffic mix.</summary>
    /// <param name="first">A profile.</param>
    /// <param name="second">The other profile.</param>
    /// <param name="mix">For a profile, the predicted latency of every input of the mix (a packet that occurs twice, twice).</param>
    /// <exception cref="ArgumentException">The mix is empty, gives different counts on the two profiles, or gives a latency that is NaN.</exception>
    public static HardwareComparison Compare(HardwareProfile first, HardwareProfile second, Func<HardwareProfile, IEnumerable<Latency>> mix)
    {
        if (first is null || second is null || mix is null)
        {
            throw new ArgumentNullException(first is null ? nameof(first) : second is null ? nameof(second) : nameof(mix));
        }

        var onFirst = new List<Latency>(mix(first));
        var onSecond = new List<Latency>(mix(second));
        if (onFirst.Count != onSecond.Count)
        {
            throw new ArgumentException($"The mix gave {onFirst.Count} inputs on {first.Name} and {onSecond.Count} on {second.Name}; it must give the same inputs on both.", nameof(mix));
        }

        if (onFirst.Count == 0)
        {
            throw new ArgumentException("The traffic mix is empty.", nameof(mix));
        }

        double totalFirst = 0, totalSecond = 0;
        int firstFaster = 0, secondFaster = 0;
        for (int i = 0; i < onFirst.Count; i++)
        {
            // NaN compares false both ways: the machines would "tie" at NaN ns per input.
            if (double.IsNaN(onFirst[i].Nanoseconds) || double.IsNaN(onSecond[i].Nanoseconds))
            {
                throw new ArgumentException($"The mix gave a latency that is not a number for input {i} on {(double.IsNaN(onFirst[i].Nanoseconds) ? first.Name : second.Name)}.", nameof(mix));
            }

            totalFirst += onFirst[i].Nanoseconds;
            totalSecond += onSecond[i].Nanoseconds;
            firstFaster += onFirst[i] < onSecond[i] ? 1 : 0;
            secondFaster += onSecond[i] < onFirst[i] ? 1 : 0;
        }

        return new HardwareComparison(first, second, onFirst.Count, new Latency(totalFirst / onFirst.Count), new Latency(totalSecond / onFirst.Count), firstFaster, secondFaster);
    }
}

/// <summary>The answer of <see cref="HardwareChoice.Compare"/>.</summary>
/// <param name="First">The first profile.</param>
/// <param name="Second">The second profile.</param>
/// <param name="Inputs">How many inputs the mix has.</param>
/// <param name="MeanOnFirst">Mean predicted latency per input on <paramref name="First"/>.</param>
/// <param name="MeanOnSecond">Mean predicted latency per input on <paramref name="Second"/>.</param>
/// <param name="FirstFasterCount">Inputs predicted faster on <paramref name="First"/>.</param>
/// <param name="SecondFasterCount">Inputs predicted faster on <paramref name="Second"/>.</param>
public sealed record HardwareComparison(
    HardwareProfile First,
    HardwareProfile Second,
    int Inputs,
    Latency MeanOnFirst,
    Latency MeanOnSecond,
    int FirstFasterCount,
    int SecondFasterCount)
{
    /// <summary>The profile with the lower mean latency over the mix, or null when they tie.</summary>
    public HardwareProfile? Faster => MeanOnFirst < MeanOnSecond ? First : MeanOnSecond < MeanOnFirst ? Second : null;

    /// <summary>The slower mean over the faster one (1 for a tie): how much faster the faster profile is.</summary>
    public double Speedup =>
        Math.Min(MeanOnFirst.Nanoseconds, MeanOnSecond.Nanoseconds) is var faster && faster > 0
            ? Math.Max(MeanOnFirst.Nanoseconds, MeanOnSecond.Nanoseconds) / faster
            : 1;

    /// <summary><c>'this machine' is 1.8x faster on this mix: 120 ns against 216 ns per input (59,000 of 60,000 inputs faster)</c>.</summary>
    public override string ToString()
    {
        if (Faster is not { } faster)
        {
            return string.Format(CultureInfo.InvariantCulture, "'{0}' and '{1}' tie on this mix: {2} per input ({3:#,0} inputs)", First.Name, Second.Name, MeanOnFirst, Inputs);
        }

        bool first = ReferenceEquals(faster, First);
        return string.Format(
            CultureInfo.InvariantCulture,
            "'{0}' is {1:0.00}x faster than '{2}' on this mix: {3} against {4} per input ({5:#,0} of {6:#,0} inputs faster on it)",
            faster.Name,
            Speedup,
            first ? Second.Name : First.Name,
            first ? MeanOnFirst : MeanOnSecond,
            first ? MeanOnSecond : MeanOnFirst,
            first ? FirstFasterCount : SecondFasterCount,
            Inputs);
    }
}
