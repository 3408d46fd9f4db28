using System.Diagnostics;

namespace Pix;

/// <summary>
/// Zero-cost hints for the extractor, written in source. Calls are <see cref="ConditionalAttribute"/>
/// on a symbol nobody defines, so the compiler removes them (arguments included) from the program;
/// Pix still reads them from the syntax.
/// </summary>
public static class PixHint
{
    /// <summary>
    /// Names a performance-critical variable (PCV): a parameter of that name in the generated interface.
    /// <list type="bullet">
    /// <item>As the first statement of a loop body, it counts the loop's iterations, e.g.
    /// <c>PixHint.Pcv("chainLength", "entries walked in the bucket")</c>.</item>
    /// <item>As the first statement of an <c>if</c>'s then- or else-block, when data the inputs do not
    /// show decide the condition (packet bytes, table contents), it says how often that arm runs in one
    /// call. Outside loops it is 0 or 1: 1 when the arm runs, 0 when the other arm does (the interface
    /// tests <c>== 1</c>, so a fraction such as 0.5 prices the other arm; for a traffic mix, evaluate the
    /// interface per packet and average). Inside a loop it counts the arm's runs over all the loop's
    /// iterations in one call, 0 to their number, priced <c>runs·arm + (iterations − runs)·other</c>, plus a
    /// mispredicted branch for each run of the rarer arm, <c>min(runs, iterations − runs)</c>: data decide the branch,
    /// and iterations that mix both ways defeat the predictor (all one way, it is learnt).
    /// The interface prices exactly that instead of the costlier arm; left out, it takes its bound (the
    /// arm always runs). A method that calls this one gets the PCV (under the same name, numbered per
    /// call site); called inside a loop, the caller's PCV counts the calls that take the arm. Still
    /// reported and priced at the costlier arm: inside a loop, an arm that leaves it (return, throw,
    /// break, continue) or a nest whose trip counts depend on each other; a callee called in a loop whose
    /// paths also fork on other inputs; a recursive method.</item>
    /// </list>
    /// <paramref name="name"/> must be a constant C# identifier, unique among the method's hints. A hint
    /// Pix cannot use is reported (PIX0002) rather than ignored silently.
    /// </summary>
    /// <param name="name">The PCV's name: the generated parameter's.</param>
    /// <param name="description">What it counts, for the generated documentation.</param>
    [Conditional("PIX_HINTS_NEVER_DEFINED")]
    public static void Pcv(string name, string? description = null)
    {
    }

    /// <summary>
    /// Names a PCV counting this call's cold loads in a structure of about <paramref name="footprintBytes"/>
    /// bytes larger than L1 (a flow table, a forwarding database, a trie): loads that miss every cache level
    /// smaller than the structure (in a table between L1's and L2's size, its L1 misses). The interface adds
    /// <c>name × (<see cref="HardwareProfile.LoadNs"/>(footprintBytes) − Load latency)</c>
    /// (<see cref="HardwareProfile.ColdLoadNs"/>), the curve's latency at the structure's size being that of
    /// such a load; the loads themselves are already counted, at a hit's price.
    /// <para>
    /// How many loads miss is a property of the traffic (how many other lines were touched since an entry
    /// was last used), not of the code, and not of the structure's allocated size: a table much larger than
    /// L1 whose traffic keeps to a few entries never misses. So it is a PCV, like a chain's length, traced
    /// or chosen by whoever evaluates the interface; 0 prices every load as a hit, as without the hint.
    /// </para>
    /// <para>
    /// The hint also names a second, optional PCV, <c>{name}FromL2</c> (default 0, after the method's other PCVs): the
    /// loads that missed L1 and were served by L2, priced <see cref="HardwareProfile.L2HitNs"/> each (0 on a profile that
    /// does not know its L2's size). In a structure larger than L2, <paramref name="name"/> then counts the loads that
    /// missed L2; in a smaller one, its L1 misses, and the second PCV stays 0.
    /// </para>
    /// <para>
    /// And a third, optional PCV, <c>{name}FromMemory</c> (default 0, after every <c>FromL2</c> PCV): of the loads
    /// <paramref name="name"/> counts, those memory served (they missed the last cache level too), priced
    /// <see cref="HardwareProfile.MemoryLoadNs"/> each on top: the curve's memory plateau less what the first count
    /// already charged (0 on a profile that knows no memory plateau). Which level serves a load beyond L2 is the
    /// traffic's, not the structure's size: a table whose live entries stay in L3 and one refilled from memory after a
    /// long interruption have the same footprint.
    /// </para>
    /// <para>
    /// Read wherever it stands as a statement, once per call of the method (inside a loop or an arm it is
    /// still the whole call's count, paid on the paths through it). A method that calls this one gets the
    /// PCV, numbered per call site. <paramref name="name"/> must be a constant C# identifier, unique among
    /// the method's hints, and <paramref name="footprintBytes"/> a compile-time constant (e.g.
    /// <c>Capacity * EntryBytes</c> of <c>const</c> fields); a hint Pix cannot use is reported (PIX0002).
    /// </para>
    /// </summary>
    /// <param name="name">The PCV's name: the generated parameter's.</param>
    /// <param name="footprintBytes">About how many bytes the structure spans (its entries times their size).</param>
    /// <param name="description">What it counts, for the generated documentation.</param>
    [Conditional("PIX_HINTS_NEVER_DEFINED")]
    public static void ColdLoads(string name, long footprintBytes, string? description = null)
    {
    }

    /// <summary>
    /// Gives the maximum iteration count of the loop this call stands in, for loops whose bound Pix
    /// cannot see. The value must be a constant or an expression over the method's inputs.
    /// </summary>
    /// <param name="maxIterations">The bound.</param>
    [Conditional("PIX_HINTS_NEVER_DEFINED")]
    public static void LoopBound(long maxIterations)
    {
    }
}
