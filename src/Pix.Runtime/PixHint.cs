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
    /// iterations in one call, 0 to their number, priced <c>runs·arm + (iterations − runs)·other</c>.
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
    /// Gives the maximum iteration count of the loop this call stands in, for loops whose bound Pix
    /// cannot see. The value must be a constant or an expression over the method's inputs.
    /// </summary>
    /// <param name="maxIterations">The bound.</param>
    [Conditional("PIX_HINTS_NEVER_DEFINED")]
    public static void LoopBound(long maxIterations)
    {
    }
}
