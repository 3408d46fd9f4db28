namespace Pix.Model;

/// <summary>
/// Where a term, guard or gap comes from in the source, so that generated comments, diagnostics and
/// <c>explain</c> can say "loop at line 14". Lines are 1-based; the span is in characters of the file.
/// </summary>
/// <param name="FilePath">The syntax tree's path as the compiler saw it (may be empty).</param>
/// <param name="Start">Start offset of the span in the file.</param>
/// <param name="Length">Length of the span.</param>
/// <param name="Line">1-based line of the span's start.</param>
/// <param name="EndLine">1-based line of the span's end.</param>
/// <param name="Construct">What is there, for people: <c>for loop</c>, <c>call to Parse</c>, <c>if</c>.</param>
public sealed record Provenance(string FilePath, int Start, int Length, int Line, int EndLine, string Construct)
{
    /// <summary>"for loop at line 14", or "… at lines 14–20".</summary>
    public override string ToString() =>
        Line == EndLine ? $"{Construct} at line {Line}" : $"{Construct} at lines {Line}-{EndLine}";
}
