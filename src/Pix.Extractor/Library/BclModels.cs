using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using static Pix.OperationClass;

namespace Pix.Library;

/// <summary>
/// The model library: cost models of BCL APIs as data, one row per API (or overload family). This
/// is the one place to add a model. Counts follow what the .NET 8–10 implementations do on x64
/// (inlined fast paths, vectorised bulk loops priced per byte); calibration prices the classes.
/// </summary>
/// <remarks>
/// A row whose BCL code copies through the runtime's copy helper (<c>Buffer.Memmove</c>, <c>SpanHelpers.Memmove</c> on x64)
/// counts its call as a <see cref="LibraryCopyCall"/>, not a <see cref="Call"/>: the helper's entry and size dispatch, and
/// the wrapper frames the deployment's JIT did not inline, which no per-byte slope sees. Read in the .NET 10 sources:
/// <c>StringBuilder.Append(string)</c> (<c>Append(ref char, int)</c>), <c>string.Concat</c> and <c>Substring</c>
/// (<c>FillStringChecked</c>, <c>InternalSubString</c>), <c>StringBuilder.ToString</c>, <c>Span&lt;T&gt;.CopyTo</c> and
/// <c>ToArray</c>, <c>MemoryExtensions.CopyTo</c>, <c>Array.Copy</c>, <c>Array.Resize</c>, <c>Buffer.BlockCopy</c>, and
/// <c>List&lt;T&gt;.ToArray</c>/<c>Insert</c>/<c>RemoveAt</c> (through <c>Array.Copy</c>). Not <c>Fill</c>/<c>Clear</c>
/// (<c>SpanHelpers.Fill</c>, <c>ClearWithoutReferences</c>: no copy) nor <c>Reverse</c>. <c>Concat</c> of k strings makes k
/// copies; its row counts one (the rest are not priced apart from their bytes).
/// </remarks>
internal static class BclModels
{
    private const string Generic = "System.Collections.Generic.";

    public static IReadOnlyList<LibraryModel> All { get; } = Build();

    internal static (OperationClass, double)[] Ops(params (OperationClass, double)[] ops) => ops;

    internal static SizedCost[] None => new SizedCost[0];

    private static SizedCost[] Sized(params SizedCost[] sized) => sized;

    private static List<LibraryModel> Build()
    {
        var models = new List<LibraryModel>
        {
            // object's constructor does nothing (the allocation is counted at the `new`).
            new("System.Object..ctor", Ops(), None),

            // ---- List<T> -----------------------------------------------------------------
            // A constructor's row is what its body does beyond the `new`, which already counts the object's allocation, at
            // 24 bytes when a reference assembly hides the type's fields (CostLowering.InstanceBytes): the row adds the
            // bytes that hides (List<T>: 32-byte object) and the allocations the body makes itself, never the object again.
            // List(): `_items = s_emptyArray`, no allocation.
            new(Generic + "List`1..ctor", Ops((AllocatedByte, 8), (Load, 1), (Store, 1)), None, Parameters: 0),
            // List(int capacity): a range check, then the item array (24-byte header + the elements, zeroed).
            new(Generic + "List`1..ctor", Ops((Allocation, 1), (AllocatedByte, 8 + 24), (Branch, 2), (Store, 1)),
                // List(int capacity) only: List(IEnumerable<T>) copies a collection of a size the argument's value is not.
                Sized(new SizedCost(Ops((AllocatedByte, 1)), SizeSource.ArgumentValue, 0, TimesElementBytes: true)), Parameters: 1, FirstParameter: SpecialType.System_Int32),
            // Add: version++, size check, store; growth doubles, so each element is copied about once (amortised).
            new(Generic + "List`1.Add", Ops((Load, 2), (Store, 2), (IntegerAlu, 3), (Branch, 1)),
                Sized(new SizedCost(Ops((CopiedByte, 1)), SizeSource.Once, TimesElementBytes: true))),
            new(Generic + "List`1.get_Item", Ops((Load, 3), (IntegerAlu, 1), (Branch, 1), (BoundsCheck, 1)), None),
            new(Generic + "List`1.set_Item", Ops((Load, 2), (Store, 2), (IntegerAlu, 2), (Branch, 1), (BoundsCheck, 1)), None),
            new(Generic + "List`1.get_Count", Ops((Load, 1)), None),
            new(Generic + "List`1.Contains", Ops((Call, 1), (Load, 2)),
                Sized(new SizedCost(Ops((ComparedByte, 1)), SizeSource.ReceiverSize, TimesElementBytes: true, Pcv: "matchIndex", PcvDescription: "elements scanned before the item is found"))),
            new(Generic + "List`1.IndexOf", Ops((Call, 1), (Load, 2)),
                Sized(new SizedCost(Ops((ComparedByte, 1)), SizeSource.ReceiverSize, TimesElementBytes: true, Pcv: "matchIndex", PcvDescription: "elements scanned before the item is found"))),
            // Insert/RemoveAt shift the tail: at most Count elements move.
            new(Generic + "List`1.Insert", Ops((LibraryCopyCall, 1), (Load, 3), (Store, 3), (IntegerAlu, 3), (Branch, 2)),
                Sized(new SizedCost(Ops((CopiedByte, 1)), SizeSource.ReceiverSize, TimesElementBytes: true))),
            new(Generic + "List`1.RemoveAt", Ops((LibraryCopyCall, 1), (Load, 3), (Store, 3), (IntegerAlu, 3), (Branch, 2)),
                Sized(new SizedCost(Ops((CopiedByte, 1)), SizeSource.ReceiverSize, TimesElementBytes: true))),
            new(Generic + "List`1.Clear", Ops((Store, 2), (IntegerAlu, 1), (Branch, 1)),
                Sized(new SizedCost(Ops((CopiedByte, 1)), SizeSource.ReceiverSize, TimesElementBytes: true))),
            new(Generic + "List`1.ToArray", Ops((Allocation, 1), (AllocatedByte, 16), (LibraryCopyCall, 1)),
                Sized(new SizedCost(Ops((AllocatedByte, 1), (CopiedByte, 1)), SizeSource.ReceiverSize, TimesElementBytes: true))),

            // ---- Dictionary<TKey, TValue>, HashSet<T>: one probe per call, plus a PCV for collisions ----
            // Dictionary(): an 80-byte object, its buckets allocated by the first insert; the body checks the capacity
            // and the comparer (branches, no allocation).
            new(Generic + "Dictionary`2..ctor", Ops((AllocatedByte, 80 - 24), (Branch, 3), (Store, 1)), None, Parameters: 0),
            new(Generic + "Dictionary`2.TryGetValue", Probe(store: false), Collisions(), HashesKey: true),
            new(Generic + "Dictionary`2.ContainsKey", Probe(store: false), Collisions(), HashesKey: true),
            new(Generic + "Dictionary`2.get_Item", Probe(store: false), Collisions(), HashesKey: true),
            new(Generic + "Dictionary`2.set_Item", Probe(store: true), Collisions(), HashesKey: true),
            new(Generic + "Dictionary`2.Add", Probe(store: true), Collisions(), HashesKey: true),
            new(Generic + "Dictionary`2.TryAdd", Probe(store: true), Collisions(), HashesKey: true),
            new(Generic + "Dictionary`2.Remove", Probe(store: true), Collisions(), HashesKey: true),
            new(Generic + "Dictionary`2.get_Count", Ops((Load, 2), (IntegerAlu, 1)), None),
            // HashSet(): a 64-byte object, no allocation before the first insert (as Dictionary()).
            new(Generic + "HashSet`1..ctor", Ops((AllocatedByte, 64 - 24), (Branch, 3), (Store, 1)), None, Parameters: 0),
            new(Generic + "HashSet`1.Contains", Probe(store: false), Collisions(), HashesKey: true),
            new(Generic + "HashSet`1.Add", Probe(store: true), Collisions(), HashesKey: true),
            new(Generic + "HashSet`1.Remove", Probe(store: true), Collisions(), HashesKey: true),
            new(Generic + "HashSet`1.get_Count", Ops((Load, 2), (IntegerAlu, 1)), None),

            // ---- Queue<T>, Stack<T>, PriorityQueue<TElement, TPriority> ---------------------
            new(Generic + "Queue`1.Enqueue", Ops((Load, 3), (Store, 3), (IntegerAlu, 4), (Branch, 2), (BoundsCheck, 1)), None),
            new(Generic + "Queue`1.Dequeue", Ops((Load, 4), (Store, 3), (IntegerAlu, 4), (Branch, 2), (BoundsCheck, 1)), None),
            new(Generic + "Queue`1.Peek", Ops((Load, 3), (IntegerAlu, 1), (Branch, 1), (BoundsCheck, 1)), None),
            new(Generic + "Stack`1.Push", Ops((Load, 2), (Store, 2), (IntegerAlu, 2), (Branch, 1), (BoundsCheck, 1)), None),
            new(Generic + "Stack`1.Pop", Ops((Load, 3), (Store, 2), (IntegerAlu, 2), (Branch, 1), (BoundsCheck, 1)), None),
            new(Generic + "Stack`1.Peek", Ops((Load, 3), (IntegerAlu, 1), (Branch, 1), (BoundsCheck, 1)), None),
            // A 4-ary heap: sift up / down walks log(n) levels, comparing priorities on each.
            new(Generic + "PriorityQueue`2.Enqueue", Ops((Call, 1), (Load, 3), (Store, 2), (IntegerAlu, 3), (Branch, 1)),
                Sized(new SizedCost(Ops((Load, 2), (Store, 1), (IntegerAlu, 3), (Branch, 2), (Call, 1)), SizeSource.ReceiverSize, Scaling: Scaling.Logarithmic))),
            new(Generic + "PriorityQueue`2.Dequeue", Ops((Call, 1), (Load, 4), (Store, 3), (IntegerAlu, 3), (Branch, 2)),
                Sized(new SizedCost(Ops((Load, 5), (Store, 1), (IntegerAlu, 6), (Branch, 5), (Call, 4)), SizeSource.ReceiverSize, Scaling: Scaling.Logarithmic))),

            // ---- Span<T>, ReadOnlySpan<T>, MemoryExtensions -------------------------------
            new("System.Span`1.CopyTo", Ops((LibraryCopyCall, 1), (IntegerAlu, 2), (Branch, 1)), Bulk(CopiedByte, SizeSource.ReceiverSize)),
            new("System.ReadOnlySpan`1.CopyTo", Ops((LibraryCopyCall, 1), (IntegerAlu, 2), (Branch, 1)), Bulk(CopiedByte, SizeSource.ReceiverSize)),
            new("System.Span`1.Fill", Ops((Call, 1)), Bulk(CopiedByte, SizeSource.ReceiverSize)),
            new("System.Span`1.Clear", Ops((Call, 1)), Bulk(CopiedByte, SizeSource.ReceiverSize)),
            new("System.Span`1.Slice", Ops((IntegerAlu, 2), (BoundsCheck, 1)), None),
            new("System.ReadOnlySpan`1.Slice", Ops((IntegerAlu, 2), (BoundsCheck, 1)), None),
            new("System.Span`1.ToArray", Ops((Allocation, 1), (AllocatedByte, 16), (LibraryCopyCall, 1)),
                Sized(new SizedCost(Ops((AllocatedByte, 1), (CopiedByte, 1)), SizeSource.ReceiverSize, TimesElementBytes: true))),
            new("System.ReadOnlySpan`1.ToArray", Ops((Allocation, 1), (AllocatedByte, 16), (LibraryCopyCall, 1)),
                Sized(new SizedCost(Ops((AllocatedByte, 1), (CopiedByte, 1)), SizeSource.ReceiverSize, TimesElementBytes: true))),
            new("System.MemoryExtensions.AsSpan", Ops((IntegerAlu, 2), (Branch, 1)), None),
            // SequenceEqual compares lengths, then bytes up to the first difference.
            new("System.MemoryExtensions.SequenceEqual", Ops((Call, 1), (IntegerAlu, 2), (Branch, 1)),
                Sized(new SizedCost(Ops((ComparedByte, 1)), SizeSource.ReceiverSize, TimesElementBytes: true, Pcv: "mismatchIndex", PcvDescription: "elements compared before the first difference"))),
            new("System.MemoryExtensions.IndexOf", Ops((Call, 1), (IntegerAlu, 2), (Branch, 1)),
                Sized(new SizedCost(Ops((ComparedByte, 1)), SizeSource.ReceiverSize, TimesElementBytes: true, Pcv: "matchIndex", PcvDescription: "elements scanned before the first match"))),
            new("System.MemoryExtensions.Contains", Ops((Call, 1), (IntegerAlu, 2), (Branch, 1)),
                Sized(new SizedCost(Ops((ComparedByte, 1)), SizeSource.ReceiverSize, TimesElementBytes: true, Pcv: "matchIndex", PcvDescription: "elements scanned before the first match"))),
            new("System.MemoryExtensions.Reverse", Ops((Call, 1)), Bulk(CopiedByte, SizeSource.ReceiverSize)),
            new("System.MemoryExtensions.CopyTo", Ops((LibraryCopyCall, 1), (IntegerAlu, 2), (Branch, 1)), Bulk(CopiedByte, SizeSource.ReceiverSize)),

            // ---- Array, Buffer -------------------------------------------------------------
            new("System.Array.Copy", Ops((LibraryCopyCall, 1), (IntegerAlu, 4), (Branch, 2)), Bulk(CopiedByte, SizeSource.ArgumentValue, 2), Parameters: 3),
            new("System.Array.Copy", Ops((LibraryCopyCall, 1), (IntegerAlu, 6), (Branch, 3)), Bulk(CopiedByte, SizeSource.ArgumentValue, 4), Parameters: 5),
            new("System.Array.Fill", Ops((Call, 1)), Bulk(CopiedByte, SizeSource.ArgumentSize, 0), Parameters: 2),
            new("System.Array.Clear", Ops((Call, 1)), Bulk(CopiedByte, SizeSource.ArgumentSize, 0), Parameters: 1),
            new("System.Array.Clear", Ops((Call, 1)), Bulk(CopiedByte, SizeSource.ArgumentValue, 2), Parameters: 3),
            // Introsort: about n·log2(n) compare-and-move steps.
            new("System.Array.Sort", Ops((Call, 2), (IntegerAlu, 4), (Branch, 2)),
                Sized(new SizedCost(Ops((Load, 2), (Store, 1), (IntegerAlu, 2), (Branch, 1)), SizeSource.ArgumentSize, 0, Scaling.Linearithmic)), Parameters: 1),
            new("System.Array.IndexOf", Ops((Call, 1), (IntegerAlu, 2), (Branch, 1)),
                Sized(new SizedCost(Ops((ComparedByte, 1)), SizeSource.ArgumentSize, 0, TimesElementBytes: true, Pcv: "matchIndex", PcvDescription: "elements scanned before the first match")), Parameters: 2),
            new("System.Array.BinarySearch", Ops((Call, 1), (IntegerAlu, 2), (Branch, 1)),
                Sized(new SizedCost(Ops((Load, 1), (IntegerAlu, 3), (Branch, 2)), SizeSource.ArgumentSize, 0, Scaling.Logarithmic)), Parameters: 2),
            new("System.Array.Resize", Ops((LibraryCopyCall, 1), (Allocation, 1), (AllocatedByte, 16)),
                Sized(new SizedCost(Ops((AllocatedByte, 1), (CopiedByte, 1)), SizeSource.ArgumentValue, 1, TimesElementBytes: true))),
            new("System.Array.get_Length", Ops((Load, 1)), None),
            new("System.Buffer.BlockCopy", Ops((LibraryCopyCall, 1), (IntegerAlu, 6), (Branch, 3)),
                Sized(new SizedCost(Ops((CopiedByte, 1)), SizeSource.ArgumentValue, 4))),

            // ---- BitOperations, HashCode, Math ----------------------------------------------
            new("System.Numerics.BitOperations.PopCount", Ops((IntegerAlu, 1)), None),
            new("System.Numerics.BitOperations.LeadingZeroCount", Ops((IntegerAlu, 1)), None),
            new("System.Numerics.BitOperations.TrailingZeroCount", Ops((IntegerAlu, 1)), None),
            new("System.Numerics.BitOperations.RotateLeft", Ops((IntegerAlu, 1)), None),
            new("System.Numerics.BitOperations.RotateRight", Ops((IntegerAlu, 1)), None),
            new("System.Numerics.BitOperations.Log2", Ops((IntegerAlu, 2)), None),
            new("System.Numerics.BitOperations.IsPow2", Ops((IntegerAlu, 3)), None),
            // xxHash32 rounds: a multiply, a rotate and an add per value, then the avalanche.
            new("System.HashCode.Combine", Ops((IntegerAlu, 6), (IntegerMultiply, 2)),
                Sized(new SizedCost(Ops((IntegerAlu, 3), (IntegerMultiply, 1), (Call, 1)), SizeSource.ArgumentCount))),
            new("System.Math.Min", Ops((IntegerAlu, 2)), None),
            new("System.Math.Max", Ops((IntegerAlu, 2)), None),
            new("System.Math.Abs", Ops((IntegerAlu, 2)), None),
            new("System.Math.Clamp", Ops((IntegerAlu, 4), (Branch, 1)), None),
            new("System.Math.Sqrt", Ops((FloatDivide, 1)), None),
            new("System.Math.Floor", Ops((FloatAdd, 1)), None),
            new("System.Math.Ceiling", Ops((FloatAdd, 1)), None),
            new("System.Math.FusedMultiplyAdd", Ops((FloatMultiply, 1)), None),

            // ---- string, StringBuilder ------------------------------------------------------
            new("System.String.get_Length", Ops((Load, 1)), None),
            new("System.String.get_Chars", Ops((Load, 1), (BoundsCheck, 1)), None),
            new("System.String.Concat", Ops((LibraryCopyCall, 1), (Allocation, 1), (AllocatedByte, 22)),
                Sized(new SizedCost(Ops((AllocatedByte, 2), (CopiedByte, 2)), SizeSource.TotalArgumentLength))),
            new("System.String.Substring", Ops((LibraryCopyCall, 1), (Allocation, 1), (AllocatedByte, 22), (IntegerAlu, 4), (Branch, 2)),
                Sized(new SizedCost(Ops((AllocatedByte, 2), (CopiedByte, 2)), SizeSource.ArgumentValue, 1)), Parameters: 2),
            new("System.String.Substring", Ops((LibraryCopyCall, 1), (Allocation, 1), (AllocatedByte, 22), (IntegerAlu, 4), (Branch, 2)),
                Sized(new SizedCost(Ops((AllocatedByte, 2), (CopiedByte, 2)), SizeSource.ReceiverSize)), Parameters: 1),
            new("System.String.IndexOf", Ops((Call, 1), (IntegerAlu, 2), (Branch, 1)),
                Sized(new SizedCost(Ops((ComparedByte, 2)), SizeSource.ReceiverSize, Pcv: "matchIndex", PcvDescription: "characters scanned before the first match"))),
            new("System.String.Contains", Ops((Call, 1), (IntegerAlu, 2), (Branch, 1)),
                Sized(new SizedCost(Ops((ComparedByte, 2)), SizeSource.ReceiverSize, Pcv: "matchIndex", PcvDescription: "characters scanned before the first match"))),
            new("System.String.StartsWith", Ops((Call, 1), (IntegerAlu, 2), (Branch, 1)),
                Sized(new SizedCost(Ops((ComparedByte, 2)), SizeSource.ArgumentSize, 0))),
            new("System.String.Equals", Ops((Call, 1), (IntegerAlu, 3), (Branch, 2)),
                Sized(new SizedCost(Ops((ComparedByte, 2)), SizeSource.ReceiverSize, Pcv: "mismatchIndex", PcvDescription: "characters compared before the first difference"))),
            new("System.String.op_Equality", Ops((Call, 1), (IntegerAlu, 3), (Branch, 2)),
                Sized(new SizedCost(Ops((ComparedByte, 2)), SizeSource.ArgumentSize, 0, Pcv: "mismatchIndex", PcvDescription: "characters compared before the first difference"))),
            new("System.String.op_Inequality", Ops((Call, 1), (IntegerAlu, 3), (Branch, 2)),
                Sized(new SizedCost(Ops((ComparedByte, 2)), SizeSource.ArgumentSize, 0, Pcv: "mismatchIndex", PcvDescription: "characters compared before the first difference"))),
            new("System.String.GetHashCode", Ops((Call, 1), (IntegerAlu, 4)),
                Sized(new SizedCost(Ops((HashedByte, 2)), SizeSource.ReceiverSize))),
            new("System.String.IsNullOrEmpty", Ops((IntegerAlu, 2), (Branch, 2), (Load, 1)), None),
            // `new` already counts the builder object (as 24 bytes: reference assemblies hide its
            // fields; it has 48), so the constructor adds its first chunk, a char[16] (56 bytes), and
            // the 24 bytes `new` missed. Tier-1 code: one NEWSFAST, one NEWARR.
            new("System.Text.StringBuilder..ctor", Ops((Allocation, 1), (AllocatedByte, 80)), None),
            // new StringBuilder(capacity) allocates its first chunk at that capacity, from
            // GC.AllocateUninitializedArray (.NET 10's IL): under 1,024 characters (2 KiB) a plain new char[],
            // zeroed; above, the GC skips zeroing the chunk when it gets space of its own, which a chunk larger than
            // the 8 KiB allocation quantum always does (smaller ones land in the allocation context the GC zeroed
            // ahead). So the zeroing is priced up to 4,096 characters, not beyond (twenty-second session, `repeat22`,
            // docs/accuracy.md: the constructor alone 0.036 ns a character at 64 KiB, 0.096 at 4 KiB, a zeroed
            // new char[] 0.079 at 64 KiB; the appends that then first touch the fresh chunk cost no more than into
            // a reused one). Beyond the quantum a chunk still measured about 0.014 ns a byte, unpriced.
            new("System.Text.StringBuilder..ctor", Ops((Allocation, 1), (AllocatedByte, 48)),
                Sized(new SizedCost(Ops((AllocatedByte, 2)), SizeSource.ArgumentValue, 0, UpTo: 4096)), Parameters: 1, FirstParameter: SpecialType.System_Int32),
            // Append(string) copies the characters: Append(ref char, int), then Memmove, a library copy call.
            new("System.Text.StringBuilder.Append", Ops((LibraryCopyCall, 1), (Load, 3), (Store, 2), (IntegerAlu, 3), (Branch, 2)),
                Sized(new SizedCost(Ops((CopiedByte, 2)), SizeSource.ArgumentSize, 0)), Parameters: 1, FirstParameter: SpecialType.System_String),
            // The other overloads (numbers, objects) format into the chunk, with no copy call; a number counts as one unit.
            new("System.Text.StringBuilder.Append", Ops((Call, 1), (Load, 3), (Store, 2), (IntegerAlu, 3), (Branch, 2)),
                Sized(new SizedCost(Ops((CopiedByte, 2)), SizeSource.ArgumentSize, 0))),
            // Append(char) is inlined in Tier-1 code, with no call unless the chunk is full: load the
            // chunk, its length and the position; compare; store the character and the new position.
            new("System.Text.StringBuilder.Append", Ops((Load, 3), (Store, 2), (IntegerAlu, 2), (Branch, 1)), None,
                Parameters: 1, FirstParameter: SpecialType.System_Char),
            new("System.Text.StringBuilder.ToString", Ops((LibraryCopyCall, 1), (Allocation, 1), (AllocatedByte, 22)),
                Sized(new SizedCost(Ops((AllocatedByte, 2), (CopiedByte, 2)), SizeSource.ReceiverSize))),
            new("System.Text.StringBuilder.get_Length", Ops((Load, 2), (IntegerAlu, 1)), None),

            // ---- Crypto, timing -----------------------------------------------------------
            new("System.Security.Cryptography.CryptographicOperations.FixedTimeEquals", Ops((Call, 1), (IntegerAlu, 2), (Branch, 1)),
                Sized(new SizedCost(Ops((ComparedByte, 1)), SizeSource.ArgumentSize, 0))),
            // The clock read's cost is the OS's; the profile prices it by name (the calibrator can measure it).
            new("System.Diagnostics.Stopwatch.GetTimestamp", Ops((Call, 1)), None, OpaqueName: "Stopwatch.GetTimestamp"),

            // ---- Type identity, culture, cancellation: reads the JIT inlines ----------------------
            // GetType: a call that reads the object's method table and the RuntimeType cached for it.
            new("System.Object.GetType", Ops((Call, 1), (Load, 3)), None),
            // Type ==/!=: a reference compare when one side is a typeof (the JIT's intrinsic, the common
            // dispatch `t == typeof(X)`); two arbitrary Types that differ also call RuntimeType.Equals.
            new("System.Type.op_Equality", Ops((IntegerAlu, 1)), None),
            new("System.Type.op_Inequality", Ops((IntegerAlu, 1)), None),
            // A static readonly field, read once the class is initialised (Tier-1 code drops the check).
            new("System.Globalization.CultureInfo.get_InvariantCulture", Ops((Load, 1)), None),
            // _source is not null && _source's state is "cancellation requested" (a volatile read).
            new("System.Threading.CancellationToken.get_IsCancellationRequested", Ops((Load, 2), (IntegerAlu, 2), (Branch, 1)), None),

            // ---- Base constructors that do nothing, small value-type members the JIT inlines ---------
            // `protected Attribute() { }`; TypeConverter has no instance fields and no constructor of its own.
            new("System.Attribute..ctor", Ops(), None),
            new("System.ComponentModel.TypeConverter..ctor", Ops(), None),
            // Math.DivRem: `q = a / b; r = a - q * b` (Math.cs), inlined; the division is priced as the
            // caller's own `/` by that divisor (by a constant: a multiply by the JIT's magic number).
            new("System.Math.DivRem", Ops((IntegerMultiply, 1), (IntegerAlu, 1)), None, DivisorArgument: 1),
            // `Environment.NewLine => NewLineConst`: a string literal's address.
            new("System.Environment.get_NewLine", Ops((Load, 1)), None),
            new("System.TimeSpan.get_Ticks", Ops((Load, 1)), None),
            // Nullable<T>: `hasValue` and `value` fields; Value checks hasValue and throws when false.
            new("System.Nullable`1.get_HasValue", Ops((Load, 1)), None),
            new("System.Nullable`1.get_Value", Ops((Load, 2), (Branch, 1)), None),
            new("System.Nullable`1.GetValueOrDefault", Ops((Load, 1)), None, Parameters: 0),
            new("System.Nullable`1.GetValueOrDefault", Ops((Load, 2), (IntegerAlu, 1)), None, Parameters: 1),
            new(Generic + "KeyValuePair`2..ctor", Ops((Store, 2)), None),
            new(Generic + "KeyValuePair`2.get_Key", Ops((Load, 1)), None),
            new(Generic + "KeyValuePair`2.get_Value", Ops((Load, 1)), None),
            // `Array.Empty<T>() => EmptyArray<T>.Value`: a static readonly field.
            new("System.Array.Empty", Ops((Load, 1)), None),
            // ReadOnlyCollection(IList<T> list): a null check, then its one field (`new` counts the 24 bytes).
            new("System.Collections.ObjectModel.ReadOnlyCollection`1..ctor", Ops((IntegerAlu, 1), (Branch, 1), (Store, 1)), None),
            // List<T>.GetEnumerator returns the struct Enumerator: list, index 0, the list's version, default current.
            new(Generic + "List`1.GetEnumerator", Ops((Load, 1), (Store, 4)), None),
            // Int64/UInt64.GetHashCode: `(int)value ^ (int)(value >> 32)`; Int32's is the value itself.
            new("System.Int32.GetHashCode", Ops(), None),
            new("System.UInt32.GetHashCode", Ops(), None),
            new("System.Int64.GetHashCode", Ops((IntegerAlu, 2)), None),
            new("System.UInt64.GetHashCode", Ops((IntegerAlu, 2)), None),
        };

        // IComparable<T>.CompareTo of the integers, inlined: for 32 and 64 bits `if (m_value < value) return -1;
        // if (m_value > value) return 1; return 0;`; for 16 bits `return m_value - value;` (Int16.cs, UInt16.cs:
        // the difference of two 16-bit values cannot overflow an int). CompareTo(object) type-checks its argument
        // first: not modelled.
        foreach (SpecialType integer in new[] { SpecialType.System_Int16, SpecialType.System_UInt16, SpecialType.System_Int32, SpecialType.System_UInt32, SpecialType.System_Int64, SpecialType.System_UInt64 })
        {
            bool subtraction = integer is SpecialType.System_Int16 or SpecialType.System_UInt16;
            models.Add(new("System." + integer.ToString().Substring("System_".Length) + ".CompareTo",
                subtraction ? Ops((IntegerAlu, 1)) : Ops((IntegerAlu, 2), (Branch, 2)), None, Parameters: 1, FirstParameter: integer));
        }

        models.AddRange(ExceptionModels.All);
        models.AddRange(SynchronizationModels.All);
        models.AddRange(ConcurrentCollectionModels.All);

        // BinaryPrimitives.{Read,Write}{Int16,…,UInt64}{Little,Big}Endian: a bounds-checked load or
        // store, plus a byte swap when the machine's order differs (x64 is little-endian).
        foreach (string type in new[] { "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64" })
        {
            foreach (string endian in new[] { "LittleEndian", "BigEndian" })
            {
                double swap = endian == "BigEndian" ? 1 : 0;
                models.Add(new("System.Buffers.Binary.BinaryPrimitives.Read" + type + endian, Ops((Load, 1), (BoundsCheck, 1), (IntegerAlu, swap)), None));
                models.Add(new("System.Buffers.Binary.BinaryPrimitives.Write" + type + endian, Ops((Store, 1), (BoundsCheck, 1), (IntegerAlu, swap)), None));
            }
        }

        return models;
    }

    /// <summary>One hash-table probe: bucket index by FastMod (two multiplies), entry load, key compare.</summary>
    internal static (OperationClass, double)[] Probe(bool store) => store
        ? Ops((Call, 1), (Load, 5), (Store, 3), (IntegerMultiply, 2), (IntegerAlu, 6), (Branch, 3), (BoundsCheck, 2))
        : Ops((Call, 1), (Load, 4), (IntegerMultiply, 2), (IntegerAlu, 5), (Branch, 2), (BoundsCheck, 2));

    /// <summary>Each extra entry walked in a bucket's chain, counted by the <c>collisions</c> PCV.</summary>
    internal static SizedCost Collision => new(
        Ops((Load, 3), (IntegerAlu, 3), (Branch, 2), (BoundsCheck, 1)),
        SizeSource.Once,
        Pcv: "collisions",
        PcvDescription: "extra entries walked in the hash bucket (0 without collisions)");

    /// <summary>Each extra entry walked in the bucket's chain.</summary>
    internal static SizedCost[] Collisions() => Sized(Collision);

    private static SizedCost[] Bulk(OperationClass perByte, SizeSource source, int argument = 0) =>
        Sized(new SizedCost(Ops((perByte, 1)), source, argument, TimesElementBytes: true));
}
