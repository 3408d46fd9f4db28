using Microsoft.CodeAnalysis;

namespace Pix.Analyzers.Diagnostics;

// Every PIX01xx message has the same arguments, so the analyzer formats them in one place:
// {0} the operation ("if condition", "early exit of the for loop", "element access key[i]"),
// {1} the secret it depends on, {2} the taint path "secret → … → operation", {3} a witness or
// advice sentence (starting with "; ") or empty. The path's steps are also additional locations.
internal static partial class DiagnosticDescriptors
{
    /// <summary>PIX0100. Format: <c>The {0} depends on secret '{1}' ({2}){3}</c>.</summary>
    public static readonly DiagnosticDescriptor SecretDependentBranch = Create(
        DiagnosticIds.SecretDependentBranch,
        "Branch on a secret",
        "The {0} depends on secret '{1}' ({2}){3}",
        DiagnosticCategories.ConstantTime,
        DiagnosticSeverity.Warning,
        "A branch (if, switch, ?:, &&, ||, a pattern, Math.Min/Max) whose condition depends on a secret runs different code for different secrets, and the branch predictor leaks which way it went. Compute both arms and select the result with a mask.");

    /// <summary>PIX0101. Format: <c>The {0} depends on secret '{1}' ({2}){3}</c>.</summary>
    public static readonly DiagnosticDescriptor SecretDependentLoop = Create(
        DiagnosticIds.SecretDependentLoop,
        "Loop trip count or early exit depends on a secret",
        "The {0} depends on secret '{1}' ({2}){3}",
        DiagnosticCategories.ConstantTime,
        DiagnosticSeverity.Warning,
        "A loop whose number of iterations depends on a secret (a bound computed from it, or a break/return taken on it) takes time proportional to the secret: the classic early-exit comparison. Run every iteration and accumulate the outcome.");

    /// <summary>PIX0102. Format: <c>The {0} depends on secret '{1}' ({2}){3}</c>.</summary>
    public static readonly DiagnosticDescriptor SecretDependentMemoryAccess = Create(
        DiagnosticIds.SecretDependentMemoryAccess,
        "Memory access indexed by a secret",
        "The {0} depends on secret '{1}' ({2}){3}",
        DiagnosticCategories.ConstantTime,
        DiagnosticSeverity.Warning,
        "Which cache line a load touches depends on its address: an array, span or pointer index (or dictionary key) derived from a secret leaks it through cache timing (the attack on AES T-tables). Scan the whole table and select with masks, or compute the value arithmetically.");

    /// <summary>PIX0103. Format: <c>The {0} depends on secret '{1}' ({2}){3}</c>.</summary>
    public static readonly DiagnosticDescriptor VariableLatencyOperation = Create(
        DiagnosticIds.VariableLatencyOperation,
        "Variable-latency operation on a secret",
        "The {0} depends on secret '{1}' ({2}){3}",
        DiagnosticCategories.ConstantTime,
        DiagnosticSeverity.Warning,
        "Integer division and remainder take a number of cycles that depends on their operands on most x64 and ARM cores. With a secret operand they leak it. Use multiplication by a precomputed reciprocal (Barrett) or Montgomery reduction.");

    /// <summary>PIX0104. Format: <c>The {0} depends on secret '{1}' ({2}){3}</c>.</summary>
    public static readonly DiagnosticDescriptor VariableTimeApi = Create(
        DiagnosticIds.VariableTimeApi,
        "Variable-time API called with a secret",
        "The {0} depends on secret '{1}' ({2}){3}",
        DiagnosticCategories.ConstantTime,
        DiagnosticSeverity.Warning,
        "Library methods such as SequenceEqual, string equality and CompareTo, IndexOf, BigInteger.ModPow and Convert.FromBase64String stop early or branch on their data. Called with a secret they leak it. Use CryptographicOperations.FixedTimeEquals or a constant-time routine.");

    /// <summary>
    /// PIX0105. Format: <c>'{0}' {1}, but the JIT may inline or optimise it back into variable time; mark it [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]</c>.
    /// {0} the method, {1} why it needs protecting ("is [ConstantTime]", "compares secrets in fixed time").
    /// </summary>
    public static readonly DiagnosticDescriptor ConstantTimeMethodNotProtected = Create(
        DiagnosticIds.ConstantTimeMethodNotProtected,
        "Constant-time method is not protected from JIT optimisation",
        "'{0}' {1}, but the JIT may inline or optimise it back into variable time; mark it [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]",
        DiagnosticCategories.ConstantTime,
        DiagnosticSeverity.Warning,
        "Nothing stops an optimising compiler from turning an accumulate-then-compare loop back into an early exit. CryptographicOperations.FixedTimeEquals carries [MethodImpl(NoInlining | NoOptimization)] for that reason; copies of it must too.");

    /// <summary>
    /// PIX0106. Format: <c>'{0}' passes the constant-time check, but its performance interface reads {1}, which depends on secret '{2}'; one of the two analyses is wrong</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor ConstantTimeInterfaceDisagrees = Create(
        DiagnosticIds.ConstantTimeInterfaceDisagrees,
        "Performance interface of a constant-time method depends on a secret",
        "'{0}' passes the constant-time check, but its performance interface reads {1}, which depends on secret '{2}'; one of the two analyses is wrong",
        DiagnosticCategories.ConstantTime,
        DiagnosticSeverity.Info,
        "The generated LatencyOf_X of a [ConstantTime] [PerformanceInterface] method must not take a quantity or PCV derived from a secret: if its latency model needs one, the latency depends on the secret. The taint analysis and the extractor disagree here; check the method by hand and report the case.");

    /// <summary>PIX0107. Format: <c>The value '{0}' of {1} is not 'exempt' or 'report'; secret branches with balanced arms are reported</c>.</summary>
    public static readonly DiagnosticDescriptor ConstantTimeSettingInvalid = Create(
        DiagnosticIds.ConstantTimeSettingInvalid,
        "Unrecognised constant-time setting",
        "The value '{0}' of {1} is not 'exempt' or 'report'; secret branches with balanced arms are reported",
        DiagnosticCategories.ConstantTime,
        DiagnosticSeverity.Warning,
        "pix_constant_time_balanced_branches (in a .globalconfig) or the MSBuild property PixConstantTimeBalancedBranches takes 'exempt' (the default: an if/else or ?: on a secret whose arms cost the same in the interface model is not reported) or 'report' (every secret branch is reported). Any other value falls back to the strict 'report'.",
        WellKnownDiagnosticTags.CompilationEnd);
}
