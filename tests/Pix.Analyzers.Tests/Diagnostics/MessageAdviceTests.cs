using System.Globalization;
using Microsoft.CodeAnalysis;
using Pix.Analyzers.Diagnostics;

namespace Pix.Analyzers.Tests.Diagnostics;

/// <summary>
/// A warning read in a build log, with no IDE to show the rule's description, must say what to do. A user trial
/// (docs/user-trial.md) read PIX0200 and PIX0201 without the way to accept an intended change, and PIX0004 saying
/// twice that the loop has no bound.
/// </summary>
public sealed class MessageAdviceTests
{
    private static string Format(DiagnosticDescriptor descriptor, params object[] arguments) =>
        string.Format(CultureInfo.InvariantCulture, descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), arguments);

    [Fact]
    public void PIX0200_says_how_to_accept_an_intended_slowdown()
    {
        Assert.Equal(
            "'Work.Sum(int[])' can be slower than its baseline by more than 10%: values.Length = 1: 0.33 ns → 0.83 ns (+150%) on the reference profile; "
            + "fix it, or accept it with 'pix baseline update' and commit the baseline",
            Format(DiagnosticDescriptors.SlowerThanBaseline, "Work.Sum(int[])", "10%", "values.Length = 1: 0.33 ns → 0.83 ns (+150%) on the reference profile", string.Empty));
    }

    [Fact]
    public void PIX0201_says_how_to_accept_an_intended_growth()
    {
        Assert.Equal(
            "The complexity of 'Checks.Sum(int[])' grew: O(n) → O(n²) in data.Length; fix it, or accept it with 'pix baseline update' and commit the baseline",
            Format(DiagnosticDescriptors.ComplexityGrew, "Checks.Sum(int[])", "O(n) → O(n²) in data.Length"));
    }

    [Fact]
    public void PIX0004_says_once_that_the_loop_has_no_bound()
    {
        // {2} is the extractor's reason, which already says that no bound was found and which hint to add.
        Assert.Equal(
            "The while loop at line 39 in 'Work.CollatzSteps(long)' needs a hint: Pix found no bound for this loop; its iteration count is the PCV 'iterations'. "
            + "Add PixHint.LoopBound(...) or PixHint.Pcv(...) as its first statement",
            Format(
                DiagnosticDescriptors.UnboundedLoop,
                "while loop at line 39",
                "Work.CollatzSteps(long)",
                "Pix found no bound for this loop; its iteration count is the PCV 'iterations'. Add PixHint.LoopBound(...) or PixHint.Pcv(...) as its first statement"));
    }
}
