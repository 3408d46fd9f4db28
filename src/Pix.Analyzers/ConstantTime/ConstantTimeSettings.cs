using Microsoft.CodeAnalysis.Diagnostics;
using Pix.ConstantTime;

namespace Pix.Analyzers.ConstantTime;

/// <summary>
/// The project's constant-time settings: <c>pix_constant_time_balanced_branches</c> in a
/// <c>.globalconfig</c>, else the MSBuild property <c>PixConstantTimeBalancedBranches</c>
/// (<c>exempt</c>, the default, or <c>report</c>). The setting is per compilation, because callee
/// summaries are shared by every method of the compilation.
/// </summary>
/// <param name="Options">The engine's options.</param>
/// <param name="Invalid">The unrecognised value and where it was set, for PIX0107; null when valid.</param>
internal sealed record ConstantTimeSettings(ConstantTimeOptions Options, (string Value, string Source)? Invalid)
{
    public static ConstantTimeSettings From(AnalyzerConfigOptionsProvider provider)
    {
        string source = ConstantTimeOptions.BalancedBranchesKey;
        if (!provider.GlobalOptions.TryGetValue(source, out string? value))
        {
            source = "the MSBuild property PixConstantTimeBalancedBranches";
            provider.GlobalOptions.TryGetValue(ConstantTimeOptions.BalancedBranchesBuildProperty, out value);
        }

        bool? exempt = ConstantTimeOptions.ParseBalancedBranches(value);
        return new ConstantTimeSettings(
            ConstantTimeOptions.Default with { ExemptBalancedBranches = exempt ?? false },
            exempt is null ? (value!.Trim(), source) : null);
    }
}
