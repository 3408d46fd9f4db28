namespace Pix.ConstantTime.Balance;

/// <summary>Whether the two arms of a secret branch cost the same in the interface model, and why.</summary>
/// <param name="IsBalanced">True when equality was proved (identical counts, or the solver's unsat).</param>
/// <param name="Detail">For a report: how the arms differ, or why equality could not be proved; for a proof: how it was proved.</param>
public sealed record ArmBalance(bool IsBalanced, string Detail)
{
    /// <summary>Not balanced, for <paramref name="detail"/>.</summary>
    public static ArmBalance Unbalanced(string detail) => new(false, detail);

    /// <summary>Balanced, proved by <paramref name="proof"/>.</summary>
    public static ArmBalance Balanced(string proof) => new(true, proof);
}
