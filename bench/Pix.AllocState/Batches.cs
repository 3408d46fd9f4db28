using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pix.AllocState;

/// <summary>A loop to time: its name, one call, and the units a call does (iterations; for a method, one call).</summary>
internal sealed record Kernel(string Name, Action<Batches> Call, int Units);

/// <summary>One timed batch of an allocation loop, with what happened in the process while it ran.</summary>
internal readonly record struct Batch(string Kernel, double NsPerIteration, int Collections, long Faults, long Switches, long Address)
{
    /// <summary>No collection and no involuntary switch inside: the batch timed the loop, not the collector or a neighbour.</summary>
    public bool IsClean => Collections == 0 && Switches == 0;
}

/// <summary>
/// The calibrator's allocation kernels (ThroughputKernels.Allocate: four arrays of one size an iteration,
/// stored to fields so they escape), timed in batches, each batch with the collections, minor faults and
/// involuntary switches that fell inside it.
/// </summary>
internal sealed class Batches
{
    public const int Iterations = 256;
    private object? _sink0, _sink1, _sink2, _sink3;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public long Allocate(int size, int iterations)
    {
        for (int i = 0; i < iterations; i++)
        {
            _sink0 = new byte[size];
            _sink1 = new byte[size];
            _sink2 = new byte[size];
            _sink3 = new byte[size];
        }

        return ((byte[])_sink3!).Length;
    }

    /// <summary>
    /// Where the allocator was when the batch ended: the last array's address, read as a number (the array is
    /// not pinned, and need not be: the address is a sample of the allocation context, not a pointer to use).
    /// </summary>
    private unsafe long LastAddress() => _sink3 switch
    {
        byte[] bytes => (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(bytes)),
        string text => (long)Unsafe.AsPointer(ref MemoryMarshal.GetReference(text.AsSpan())),
        _ => 0,
    };

    /// <summary>
    /// Four arrays too large for the allocation context (32 KiB), either zeroed by the allocator (<paramref name="write"/>
    /// false: what <c>new byte[n]</c> pays) or handed out dirty and then written by the program's own stores (true:
    /// what Repeat's StringBuilder chunk pays, GC.AllocateUninitializedArray and then the appends).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Large(bool write)
    {
        for (int i = 0; i < 4; i++)
        {
            byte[] array = write ? GC.AllocateUninitializedArray<byte>(LargeBytes) : new byte[LargeBytes];
            if (write)
            {
                array.AsSpan().Fill(1);
            }

            _sink3 = array;
        }
    }

    public const int LargeBytes = 32768;

    /// <summary>Quickstart's Text.Repeat, the method the allocation price is for, kept as the last array is.</summary>
    public void Repeat(int count) => _sink3 = Quickstart.Text.Repeat("abcdefg", ',', count);

    /// <summary>Calls a batch holds so that it lasts about <paramref name="batchMs"/>.</summary>
    public int CallsPerBatch(Kernel kernel, double batchMs)
    {
        var clock = Stopwatch.StartNew();
        int calls = 0;
        while (clock.Elapsed.TotalMilliseconds < 20)
        {
            kernel.Call(this);
            calls++;
        }

        return Math.Max(1, (int)(calls * batchMs / clock.Elapsed.TotalMilliseconds));
    }

    public Batch Time(Kernel kernel, int calls)
    {
        int gc = GC.CollectionCount(0);
        Rusage.Snapshot before = Rusage.Read();
        long start = Stopwatch.GetTimestamp();
        for (int c = 0; c < calls; c++)
        {
            kernel.Call(this);
        }

        long end = Stopwatch.GetTimestamp();
        Rusage.Snapshot after = Rusage.Read();
        double ns = (end - start) * 1e9 / Stopwatch.Frequency / ((double)calls * kernel.Units);
        return new Batch(kernel.Name, ns, GC.CollectionCount(0) - gc, after.MinorFaults - before.MinorFaults,
            after.InvoluntarySwitches - before.InvoluntarySwitches, LastAddress());
    }

    public static double Median(IEnumerable<double> values)
    {
        double[] v = values.OrderBy(x => x).ToArray();
        if (v.Length == 0)
        {
            return double.NaN;
        }

        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}
