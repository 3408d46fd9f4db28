using System.Collections.Generic;
using static Pix.Library.BclModels;
using static Pix.OperationClass;

namespace Pix.Library;

/// <summary>
/// <c>ConcurrentDictionary&lt;TKey, TValue&gt;</c> and <c>ConcurrentQueue&lt;T&gt;</c>: their uncontended fast paths, counted
/// from the .NET 10 sources (dotnet/runtime ConcurrentDictionary.cs, ConcurrentQueue.cs, ConcurrentQueueSegment.cs).
/// Reads of the dictionary take no lock (Dictionary's probe); its writes take the bucket's striped lock, a
/// <c>System.Threading.Lock</c> priced as <see cref="SynchronizationModels.LockStatement"/>; the queue reserves a slot
/// with one compare-exchange (<see cref="AtomicRmw"/>). The synchronising part of each call is a term of its own that
/// says <b>contention is not modelled</b>: a lock held by another thread, a lost compare-exchange and its retry loop
/// (<c>SpinWait</c>), a table resize, a full queue segment (a new one is allocated) cost what these counts do not say.
/// </summary>
internal static class ConcurrentCollectionModels
{
    private const string Dictionary = "System.Collections.Concurrent.ConcurrentDictionary`2.";

    private const string Queue = "System.Collections.Concurrent.ConcurrentQueue`1.";

    /// <summary>What the generated interface says after the API's name of a write's term.</summary>
    public const string LockedDescription = "under its bucket's striped lock, uncontended (Lock.Enter/Exit fast paths; contention is not modelled)";

    /// <summary>What it says of the queue's compare-exchange.</summary>
    public const string CompareExchangeDescription = "reserving a slot with one compare-exchange, uncontended (the retry loop under contention is not modelled)";

    /// <summary>
    /// <c>GetBucketAndLock</c> and the checks around it, before the lock (TryAddInternal, TryRemoveInternal): the tables'
    /// locks array and buckets array (2 loads), the bucket by FastMod (2 multiplies, 2 ALU, the buckets' length), the lock
    /// by <c>bucketNo % (uint)locks.Length</c> (a hardware divide: "doesn't use FastMod", the source says; the locks'
    /// length), the bucket's address (1 ALU, 1 bounds check), <c>locks[lockNo]</c> (1 load, 1 bounds check).
    /// </summary>
    private static readonly (OperationClass, double)[] BucketAndLock =
        Ops((Load, 5), (IntegerMultiply, 2), (IntegerDivide, 1), (IntegerAlu, 3), (BoundsCheck, 2));

    /// <summary>
    /// Inside the lock, a key not found: <c>tables != _tables</c> (1 load, 1 ALU, 1 branch); the bucket's head read and
    /// tested (1 load, 1 branch; each entry walked is the <c>collisions</c> PCV); <c>new Node(key, value, hashcode,
    /// bucket)</c> (one 48-byte object: header and method table 16, three references 24, the hash 4, padded; 4 stores);
    /// <c>Volatile.Write(ref bucket, node)</c> (a store and the GC write barrier, a helper call); <c>checked(
    /// _countPerLock[lockNo]++)</c> (2 loads, 1 ALU, 1 store, 1 bounds check, 1 overflow branch); <c>&gt; _budget</c>
    /// (1 load, 1 ALU, 1 branch); the string keys' collision threshold test and <c>resizeDesired | forceRehash</c>
    /// (2 ALU, 2 branches). A key already there (TryAdd failing, the indexer's update) does less: no allocation.
    /// </summary>
    private static readonly (OperationClass, double)[] Insert =
        Ops((Call, 1), (Load, 5), (Store, 6), (IntegerAlu, 5), (Branch, 6), (BoundsCheck, 1), (Allocation, 1), (AllocatedByte, 48));

    /// <summary>
    /// Inside the lock, the key found and unlinked (TryRemoveInternal): the tables check (1 load, 1 ALU, 1 branch), the
    /// head read, its hash compared (2 loads, 1 ALU, 1 branch; the key compare is the key hashing's), <c>Volatile.Write(ref
    /// bucket, curr._next)</c> (1 load, 1 store, the write barrier's call), the value to the <c>out</c> parameter (1 load, 1
    /// store), <c>_countPerLock[lockNo]--</c> (1 load, 1 ALU, 1 store, 1 bounds check).
    /// </summary>
    private static readonly (OperationClass, double)[] Unlink =
        Ops((Call, 1), (Load, 6), (Store, 3), (IntegerAlu, 3), (Branch, 2), (BoundsCheck, 1));

    /// <summary>
    /// GetOrAdd's lookup before any lock: the key and factory null checks (2 ALU, 2 branches), <c>_tables</c> and its
    /// comparer (2 loads), <c>TryGetValueInternal</c> (a call: Dictionary's probe), the test of its result (1 branch).
    /// </summary>
    private static readonly (OperationClass, double)[] Lookup =
        Sum(Probe(store: false), Ops((Load, 2), (IntegerAlu, 2), (Branch, 3)));

    /// <summary>TryAdd and the indexer's set before TryAddInternal: the null check, <c>_tables</c> and its comparer, the call.</summary>
    private static readonly (OperationClass, double)[] WriteEntry = Ops((Call, 1), (Load, 2), (IntegerAlu, 1), (Branch, 1));

    public static IReadOnlyList<LibraryModel> All { get; } = Build();

    private static List<LibraryModel> Build()
    {
        SizedCost locked = Locked(Sum(BucketAndLock, SynchronizationModels.LockStatement, Insert));
        // GetOrAdd on a miss: the insert under the lock (the hash is passed on, not computed again; the chain walk is
        // the lookup's `collisions`, walked again under the lock: counted once), counted by a `misses` PCV.
        SizedCost lockedOnMiss = locked with { Pcv = "misses", PcvDescription = "1 when the key was absent and the value was added, else 0" };
        // GetOrAdd(key, factory) calls the factory on a miss, before the insert: a delegate call (its target opaque).
        SizedCost lockedOnMissAfterFactory = lockedOnMiss with { PerUnit = Sum(lockedOnMiss.PerUnit, Ops((DelegateCall, 1))) };
        return new List<LibraryModel>
        {
            // ---- reads: no lock (TryGetValue: a volatile read of the tables, the key's hash, the bucket by FastMod, a walk of
            // the bucket's chain comparing hash and key, as Dictionary's probe does; ContainsKey and the indexer's get call it).
            new(Dictionary + "TryGetValue", Probe(store: false), Collisions(), HashesKey: true),
            new(Dictionary + "ContainsKey", Probe(store: false), Collisions(), HashesKey: true),
            new(Dictionary + "get_Item", Probe(store: false), Collisions(), HashesKey: true),

            // ---- writes: the striped lock -----------------------------------------------------------------------------
            new(Dictionary + "TryAdd", WriteEntry, [Collision, locked], HashesKey: true),
            new(Dictionary + "set_Item", WriteEntry, [Collision, locked], HashesKey: true),
            // TryRemove(key, out value): the null check, the tables and comparer, the call; then the hot read of the
            // stripe's count (2 loads, 1 bounds check, 1 branch: an empty stripe returns without the lock), the lock, the
            // unlink. TryRemove(KeyValuePair) also compares the value: not modelled.
            new(Dictionary + "TryRemove", Sum(WriteEntry, Ops((Load, 2), (BoundsCheck, 1), (Branch, 1))),
                [Collision, Locked(Sum(BucketAndLock, SynchronizationModels.LockStatement, Unlink))], Parameters: 2, HashesKey: true),
            new(Dictionary + "GetOrAdd", Lookup, [Collision, lockedOnMiss], Parameters: 2, HashesKey: true),
            new(Dictionary + "GetOrAdd", Lookup, [Collision, lockedOnMissAfterFactory], Parameters: 2, HashesKey: true, DelegateArgument: 1),
            new(Dictionary + "GetOrAdd", Lookup, [Collision, lockedOnMissAfterFactory], Parameters: 3, HashesKey: true, DelegateArgument: 1),
            // Count takes every lock (AcquireAllLocks: lock 0, then the others), sums the stripes' counts, and releases them:
            // a call, the try/finally's counter (1 store), the ETW test (1 load, 1 branch), the tables (2 loads, 2 ALU, 1
            // branch); per lock: Lock.Enter and Exit's fast paths, locks[i] twice and countPerLock[i] (3 loads, 3 bounds
            // checks), the checked add and two loop steps (3 ALU, 3 branches). How many locks: a PCV.
            new(Dictionary + "get_Count", Ops((Call, 1), (Store, 1), (Load, 3), (IntegerAlu, 2), (Branch, 2)),
                [new SizedCost(
                    Sum(SynchronizationModels.MonitorEnter, SynchronizationModels.MonitorExit, Ops((Load, 3), (BoundsCheck, 3), (IntegerAlu, 3), (Branch, 3))),
                    SizeSource.Once,
                    Pcv: "locks",
                    PcvDescription: "the dictionary's striped locks, all taken (the concurrency level: Environment.ProcessorCount by default, doubled as the table grows, up to 1024)",
                    Description: "taking every striped lock, uncontended (contention is not modelled)")]),

            // ---- ConcurrentQueue<T>: lock-free, one compare-exchange per call ------------------------------------------
            // Enqueue: `_tail` (1 load), the call to the segment's TryEnqueue; `_slots`, Volatile.Read of the tail, `& _slotsMask`
            // (3 loads, 1 ALU); Volatile.Read of the slot's sequence number (1 load, 1 bounds check); `diff == 0` (1 ALU, 1
            // branch); then the term: `currentTail + 1`, `lock cmpxchg` on the tail, its result compared (2 ALU, 1 branch);
            // the item stored, Volatile.Write of the sequence number (2 stores); the caller's test (1 branch). A reference
            // item's store also runs the GC write barrier (a helper call): not counted, as for a value type's.
            new(Queue + "Enqueue", Ops((Call, 1), (Load, 5), (IntegerAlu, 2), (Branch, 2), (BoundsCheck, 1)),
                [CompareExchange(Ops((IntegerAlu, 2), (Branch, 1), (Store, 2)))]),
            // TryDequeue, an item there: `_head`, the call; `_slots`, Volatile.Read of the head, the mask (3 loads, 1 ALU);
            // the sequence number (1 load, 1 bounds check); `currentHead + 1`, `diff == 0` (2 ALU, 1 branch); the term:
            // `lock cmpxchg` on the head, compared (1 ALU, 1 branch); the item to the `out` parameter (1 load, 1 store);
            // Volatile.Read of _preservedForObservation (1 load, 1 branch); the slot cleared, `currentHead + slots.Length`,
            // Volatile.Write of the sequence number (1 load, 1 ALU, 2 stores); the caller's test (1 branch). An empty queue
            // returns before the compare-exchange, reading the tail and the next segment instead: cheaper, not priced apart.
            new(Queue + "TryDequeue", Ops((Call, 1), (Load, 5), (IntegerAlu, 3), (Branch, 2), (BoundsCheck, 1)),
                [CompareExchange(Ops((IntegerAlu, 2), (Branch, 2), (Load, 3), (Store, 3)))]),
        };
    }

    /// <summary>A write's synchronised part, once per call, a term that says contention is not modelled.</summary>
    private static SizedCost Locked((OperationClass, double)[] operations) =>
        new(operations, SizeSource.Once, Description: LockedDescription);

    /// <summary>The queue's compare-exchange and what it guards, once per call.</summary>
    private static SizedCost CompareExchange((OperationClass, double)[] around) =>
        new(Sum(Ops((AtomicRmw, 1)), around), SizeSource.Once, Description: CompareExchangeDescription);

    private static (OperationClass, double)[] Sum(params IReadOnlyList<(OperationClass Class, double Count)>[] parts) =>
        SynchronizationModels.Sum(parts);
}
