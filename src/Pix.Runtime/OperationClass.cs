namespace Pix;

/// <summary>
/// The abstract operations a performance interface counts. The extractor lowers every C# operation
/// to these classes; a <see cref="HardwareProfile"/> says what one of each costs on a machine.
/// </summary>
/// <remarks>
/// The set is deliberately small: a class earns its place when calibration can tell it apart from
/// the others. Values are stable (they appear in baseline and profile files by name, not number).
/// </remarks>
public enum OperationClass
{
    /// <summary>Integer add, subtract, logic, shift, compare, move.</summary>
    IntegerAlu = 0,
    /// <summary>Integer multiply.</summary>
    IntegerMultiply,
    /// <summary>Integer divide or remainder by a non-constant (variable latency on most CPUs).</summary>
    IntegerDivide,
    /// <summary>Floating-point add, subtract, compare, convert.</summary>
    FloatAdd,
    /// <summary>Floating-point multiply (and fused multiply-add).</summary>
    FloatMultiply,
    /// <summary>Floating-point divide and square root.</summary>
    FloatDivide,
    /// <summary>A memory load (array or span element, field, static).</summary>
    Load,
    /// <summary>A memory store.</summary>
    Store,
    /// <summary>An array or span bounds check the JIT cannot prove away.</summary>
    BoundsCheck,
    /// <summary>A conditional branch (loop back-edges and if/else).</summary>
    Branch,
    /// <summary>A direct (non-virtual, not inlined) call.</summary>
    Call,
    /// <summary>A virtual call.</summary>
    VirtualCall,
    /// <summary>An interface call.</summary>
    InterfaceCall,
    /// <summary>A delegate invocation.</summary>
    DelegateCall,
    /// <summary>A heap allocation (object or array header, GC bookkeeping).</summary>
    Allocation,
    /// <summary>One byte allocated and zeroed on the heap.</summary>
    AllocatedByte,
    /// <summary>One byte copied by a library primitive (memmove, Span.CopyTo, Array.Copy).</summary>
    CopiedByte,
    /// <summary>One byte compared by a library primitive (SequenceEqual, string equality).</summary>
    ComparedByte,
    /// <summary>One byte hashed by a library primitive (string hashing, HashCode.AddBytes).</summary>
    HashedByte,
    /// <summary>A type check or cast that the JIT cannot remove.</summary>
    TypeCheck,
    /// <summary>
    /// A mispredicted conditional branch: the pipeline refill after the branch resolves the other way
    /// than the predictor guessed. Not an instruction (the branch itself is a <see cref="Branch"/>):
    /// priced as front-end time added to the block's throughput bound, which overlaps the latency bound
    /// (<c>HardwareProfile.PriceBlock</c>); on the chain too when the branch's condition is on it. The
    /// extractor counts the expected misses per execution (docs/accuracy.md, "Mispredicted branches").
    /// </summary>
    BranchMiss,
    /// <summary>
    /// A <c>lea</c> with a scaled index on a loop-carried chain (<c>lea rax, [rax+4*rax]</c> before a load at
    /// <c>[base+8*rax+disp]</c>, or <c>lea rbx, [rbx+8*r15+16]</c> keeping an element's address for loads at
    /// <c>[rbx+disp]</c>): its latency net of the addressing the next load then does not do. Not an issue
    /// slot of its own (the <c>lea</c> is counted once as an <see cref="IntegerAlu"/> operation): the
    /// extractor puts this class on the chain only, where it replaces that operation's latency. Calibrated by
    /// two walks of a 40-byte struct array (docs/calibration.md); on a profile written before the class
    /// existed it costs twice the profile's own <see cref="IntegerAlu"/> latency, the constant it replaced
    /// (docs/accuracy.md, "Twelfth session: a scaled lea, calibrated").
    /// </summary>
    ScaledLea,
    /// <summary>
    /// A <c>lock</c>-prefixed read-modify-write of memory (x64 <c>lock xadd</c>, <c>lock cmpxchg</c>, <c>lock add</c>,
    /// <c>xchg</c> with a memory operand): <c>Interlocked.Increment</c>/<c>Add</c>/<c>Exchange</c>/<c>CompareExchange</c>,
    /// and the two compare-exchanges of an uncontended <c>lock</c> (the thin lock in the object header). A full
    /// memory barrier: it waits for the store buffer to drain, so independent ones hardly overlap and its
    /// throughput cost is close to its latency. Priced uncontended, the cache line already in this core's cache;
    /// contention (the line moving between cores, a waiting thread) is not modelled. Calibrated by a chain of
    /// increments of one cell and by increments of eight cells (docs/calibration.md); on a profile written before
    /// the class existed it costs the reference core's figure (docs/extractor.md, "Thirteenth session: locks and
    /// atomic operations").
    /// </summary>
    AtomicRmw,
    /// <summary>
    /// A call into a library method whose body copies through the runtime's copy helper (<c>Buffer.Memmove</c>, reached as
    /// <c>SpanHelpers.Memmove</c>): <c>StringBuilder.Append(string)</c>, <c>string.Concat</c>, <c>Substring</c>,
    /// <c>StringBuilder.ToString</c>, <c>Span&lt;T&gt;.CopyTo</c>, <c>Array.Copy</c> and the rows built on them. It is what one
    /// such call costs beyond the bytes (each a <see cref="CopiedByte"/>, the slope through three sizes, which leaves the
    /// helper's entry out by design): the calls the JIT did not inline (Tier-1 code inlines <c>Append(string)</c> down to
    /// the <c>Memmove</c> call; FullOpts code, <c>DOTNET_TieredCompilation=0</c>, stops at its null check and calls
    /// <c>Append(ref char, int)</c>, a frame, then <c>Memmove</c>), and the helper's size dispatch. A sequence, like
    /// <see cref="Call"/>: its throughput cost adds. Calibrated by appending short words to a <c>StringBuilder</c>, the BCL code
    /// itself, so a calibration measures what that deployment's JIT emits (docs/calibration.md); on a profile written
    /// before the class existed it costs that profile's own <see cref="Call"/>, the class the rows counted before
    /// (docs/accuracy.md, "Nineteenth session: a library copy call, calibrated").
    /// </summary>
    LibraryCopyCall,
    /// <summary>
    /// The mispredicted exit of a loop whose trip count data decide (a search's early return): what leaving it costs
    /// when where it stops varies from call to call. Like <see cref="BranchMiss"/> a refill, not an instruction, priced
    /// the same way (front-end time added to the block's throughput bound), but calibrated on its own: a search loop
    /// whose exit moves at random against the same loop stopping at a fixed item (<c>LoopExitKernels</c>). It costs more
    /// than a miss of a branch whose condition is ready: on the twenty-third session's Zen 5, 7–8.5 ns against 5.2–5.4
    /// (docs/accuracy.md, "Twenty-third session: the price of a mispredicted loop exit"). On a profile written before
    /// the class existed it costs that profile's own <see cref="BranchMiss"/>, what the exit was priced at before.
    /// </summary>
    LoopExitMiss,
}
