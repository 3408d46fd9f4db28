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
    /// show decide the condition (packet bytes, table contents), it says whether that arm runs: 1 when it
    /// does, 0 when the other arm does. The interface prices exactly that arm instead of the costlier
    /// one; left out, it takes its bound, 1. A method that calls this one gets the PCV (under the same
    /// name, numbered per call site). Not supported yet on an arm inside a loop.</item>
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
