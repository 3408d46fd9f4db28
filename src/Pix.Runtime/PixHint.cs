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
    /// Names the performance-critical variable (PCV) that counts the iterations of the loop this call
    /// stands in (first statement of its body), e.g. <c>PixHint.Pcv("chainLength", "entries walked in
    /// the bucket")</c>. The generated interface takes it as a parameter of that name.
    /// </summary>
    [Conditional("PIX_HINTS_NEVER_DEFINED")]
    public static void Pcv(string name, string? description = null)
    {
    }

    /// <summary>
    /// Gives the maximum iteration count of the loop this call stands in, for loops whose bound Pix
    /// cannot see. The value must be a constant or an expression over the method's inputs.
    /// </summary>
    [Conditional("PIX_HINTS_NEVER_DEFINED")]
    public static void LoopBound(long maxIterations)
    {
    }
}
