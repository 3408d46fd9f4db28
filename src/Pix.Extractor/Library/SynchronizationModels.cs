using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using static Pix.OperationClass;

namespace Pix.Library;

/// <summary>
/// Interlocked operations, volatile accesses and the uncontended monitor, as .NET 10's Tier-1 x64 code runs them
/// (each listing read with <c>DOTNET_JitDisasm</c>; docs/extractor.md, "Thirteenth session: locks and atomic
/// operations"). A locked read-modify-write is one <see cref="AtomicRmw"/>; the figure is uncontended, the cache
/// line in this core's cache. <b>Contention is not modelled</b>: another core holding the line, or a thread
/// waiting for the monitor, costs what these counts do not say.
/// </summary>
internal static class SynchronizationModels
{
    private const string Interlocked = "System.Threading.Interlocked.";

    /// <summary>
    /// <c>Monitor.Enter</c>'s fast path (.NET 10, Monitor.CoreCLR.cs: <c>TryEnter_FastPath</c>, an FCALL into
    /// <c>ObjHeader::AcquireHeaderThinLock</c>, syncblk.inl): the null check, the call, the current thread's id
    /// through thread-local storage (two loads), the header word (a load), masks and compares of its lock bits, one
    /// <c>lock cmpxchg</c> writing the thread id into the header, and the caller's test of the result.
    /// </summary>
    public static IReadOnlyList<(OperationClass Class, double Count)> MonitorEnter { get; } =
        BclModels.Ops((Call, 1), (AtomicRmw, 1), (Load, 3), (IntegerAlu, 5), (Branch, 4));

    /// <summary>
    /// <c>Monitor.Exit</c>'s fast path (<c>Exit_FastPath</c> into <c>ObjHeader::ReleaseHeaderThinLock</c>): the
    /// same thread id and header reads, the owner and recursion checks, one <c>lock cmpxchg</c> clearing the owner.
    /// </summary>
    public static IReadOnlyList<(OperationClass Class, double Count)> MonitorExit { get; } =
        BclModels.Ops((Call, 1), (AtomicRmw, 1), (Load, 3), (IntegerAlu, 5), (Branch, 4));

    /// <summary>
    /// A <c>lock</c> statement, uncontended: <c>bool lockTaken = false; try { Monitor.Enter(o, ref lockTaken); … }
    /// finally { if (lockTaken) Monitor.Exit(o); }</c>, as the compiler lowers it: the two fast paths, the flag's two
    /// stores, and its test in the <c>finally</c>. A <c>lock</c> on a <c>System.Threading.Lock</c> (C# 13) runs
    /// <c>EnterScope</c> and <c>Scope.Dispose</c> instead: a thread-id read and one interlocked update each (Lock.cs),
    /// the same counts within an ALU operation or two; it is priced the same.
    /// </summary>
    public static IReadOnlyList<(OperationClass Class, double Count)> LockStatement { get; } =
        Sum(MonitorEnter, MonitorExit, BclModels.Ops((Store, 2), (IntegerAlu, 1), (Branch, 1)));

    /// <summary>What the generated interface says of a <c>lock</c>'s term: the price is the uncontended one.</summary>
    public const string LockDescription = "uncontended lock (Monitor.Enter/Exit fast paths; contention is not modelled)";

    public static IReadOnlyList<LibraryModel> All { get; } = Build();

    private static List<LibraryModel> Build()
    {
        var models = new List<LibraryModel>
        {
            // Increment/Decrement/Add: `lock xadd`, then the add that makes the old value the new one (when the result
            // is unused the JIT emits `lock inc`/`lock add` alone: the ALU operation is then one too many).
            new(Interlocked + "Increment", BclModels.Ops((AtomicRmw, 1), (IntegerAlu, 1)), BclModels.None, Parameters: 1),
            new(Interlocked + "Decrement", BclModels.Ops((AtomicRmw, 1), (IntegerAlu, 1)), BclModels.None, Parameters: 1),
            new(Interlocked + "Add", BclModels.Ops((AtomicRmw, 1), (IntegerAlu, 1)), BclModels.None, Parameters: 2),
            // Exchange of a number: `xchg [mem], reg` (locked without the prefix); CompareExchange: the comparand moved
            // into eax, `lock cmpxchg`. Read(ref long) is CompareExchange(ref location, 0, 0) (Interlocked.cs).
            new(Interlocked + "Exchange", BclModels.Ops((AtomicRmw, 1)), BclModels.None, Parameters: 2),
            new(Interlocked + "CompareExchange", BclModels.Ops((AtomicRmw, 1), (IntegerAlu, 1)), BclModels.None, Parameters: 3),
            new(Interlocked + "Read", BclModels.Ops((AtomicRmw, 1), (IntegerAlu, 2)), BclModels.None, Parameters: 1),
            // A full fence: `lock or dword ptr [rsp], 0`.
            new(Interlocked + "MemoryBarrier", BclModels.Ops((AtomicRmw, 1)), BclModels.None, Parameters: 0),

            // Volatile.Read/Write: plain loads and stores on x64, whose memory model already orders them as
            // acquire/release; the JIT only keeps them from being reordered or removed.
            new("System.Threading.Volatile.Read", BclModels.Ops((Load, 1)), BclModels.None, Parameters: 1),
            new("System.Threading.Volatile.Write", BclModels.Ops((Store, 1)), BclModels.None, Parameters: 2),

            new("System.Threading.Monitor.Enter", MonitorEnter, BclModels.None, Parameters: 1),
            // Enter(object, ref bool lockTaken) also sets the flag.
            new("System.Threading.Monitor.Enter", Sum(MonitorEnter, BclModels.Ops((Store, 1))), BclModels.None, Parameters: 2),
            new("System.Threading.Monitor.Exit", MonitorExit, BclModels.None, Parameters: 1),
        };

        // A reference's Exchange/CompareExchange (object, and the generic T, T : class) is a call to
        // ExchangeObject/CompareExchangeObject, which does the locked instruction and the GC's card-marking check
        // (a write barrier: a compare and a branch on the generation of the value stored).
        foreach (SpecialType reference in new[] { SpecialType.System_Object, SpecialType.None })
        {
            models.Add(new(Interlocked + "Exchange", BclModels.Ops((Call, 1), (AtomicRmw, 1), (IntegerAlu, 2), (Branch, 1)), BclModels.None,
                Parameters: 2, FirstParameter: reference));
            models.Add(new(Interlocked + "CompareExchange", BclModels.Ops((Call, 1), (AtomicRmw, 1), (IntegerAlu, 3), (Branch, 1)), BclModels.None,
                Parameters: 3, FirstParameter: reference));
        }

        return models;
    }

    /// <summary>The operations of <paramref name="parts"/> together.</summary>
    internal static (OperationClass, double)[] Sum(params IReadOnlyList<(OperationClass Class, double Count)>[] parts)
    {
        var total = new List<(OperationClass, double)>();
        foreach (IReadOnlyList<(OperationClass Class, double Count)> part in parts)
        {
            total.AddRange(part);
        }

        return total.ToArray();
    }
}
