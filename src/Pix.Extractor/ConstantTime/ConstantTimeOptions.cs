using System;
using Pix.Solver;

namespace Pix.ConstantTime;

/// <summary>Settings of the constant-time check (docs/constant-time.md, "Balanced arms").</summary>
public sealed record ConstantTimeOptions
{
    /// <summary>
    /// The key that sets <see cref="ExemptBalancedBranches"/> in a global analyzer config
    /// (<c>.globalconfig</c>): <c>exempt</c> (the default) or <c>report</c>.
    /// </summary>
    public const string BalancedBranchesKey = "pix_constant_time_balanced_branches";

    /// <summary>The MSBuild property that sets it (<c>&lt;PixConstantTimeBalancedBranches&gt;report&lt;/…&gt;</c>), as the compiler passes it.</summary>
    public const string BalancedBranchesBuildProperty = "build_property.PixConstantTimeBalancedBranches";

    /// <summary>The defaults: balanced branches exempt, 2 s per solver query.</summary>
    public static ConstantTimeOptions Default { get; } = new();

    /// <summary>
    /// True (the default): an if/else or <c>?:</c> on a secret whose two arms are proved to cost the
    /// same in the interface model is not reported (PIX0100). False: every secret branch is
    /// reported, as ct-verif would (balanced arms still differ in branch prediction and fetch).
    /// </summary>
    public bool ExemptBalancedBranches { get; init; } = true;

    /// <summary>Settings of the solver that proves symbolic arm costs equal.</summary>
    public SolverOptions Solver { get; init; } = SolverOptions.Default;

    /// <summary>
    /// Reads the setting: <c>exempt</c> → true, <c>report</c> → false, nothing → the default; any
    /// other text → null (the caller reports it).
    /// </summary>
    public static bool? ParseBalancedBranches(string? text)
    {
        string value = text?.Trim() ?? string.Empty;
        if (value.Length == 0 || value.Equals("exempt", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return value.Equals("report", StringComparison.OrdinalIgnoreCase) ? false : null;
    }
}
