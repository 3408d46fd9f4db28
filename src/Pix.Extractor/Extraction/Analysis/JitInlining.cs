using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Pix.Extraction.Analysis;

/// <summary>
/// Whether the JIT inlines a direct call to a method of the compilation, so that the caller pays no <c>call</c>
/// instruction, no return and no argument moves for it (the callee's operations are counted either way). The small
/// leaves <see cref="MethodSummary.IsInlineCandidate"/> names are a subset: they also join the caller's chain.
/// </summary>
/// <remarks>
/// <para>Why a rule this wide: RyuJIT's default policy at Tier 1 with dynamic PGO (the runtime's default) considers a
/// callee of up to 1,024 IL bytes on a call site its profile says runs (<c>JitExtDefaultPolicyMaxILProf</c>; 128 bytes
/// without a profile), with or without branches. The network functions' Tier-1 listings
/// (<c>DOTNET_JitDisasm</c>, docs/accuracy.md, "Twenty-second session: the calls the JIT inlines") keep at most one
/// of the 1–12 source calls the interfaces counted on a typical packet: the parser, the flow key's hash, the checksum
/// updates, record constructors and the private translate steps are all inlined; what stays a call is a method with a
/// loop whose body calls further (the NAT's expiry, the firewall's rule scan), a call off the profiled path, or one the
/// inlining budget no longer covers.</para>
/// <para>What the rule excludes, each a reason the JIT gives not to inline: a virtual, interface or delegate call (not
/// devirtualized here); <c>[MethodImpl(NoInlining)]</c>; exception handling (<c>try</c>); an iterator or async method (a
/// state machine); and a loop, which the JIT inlines only when small, so a callee with one keeps its call, the
/// conservative side.</para>
/// <para>What the rule leaves out: the callee's size (the JIT's limit is 1,024 IL bytes with a profile, 128 without:
/// TC=0 and ReadyToRun code) and the caller's inlining budget. A loop-free callee beyond either is priced without its
/// call, which misprices it by one <c>Call</c> (about 1 ns on the profiles measured) against a body that, at that size,
/// costs tens of ns or more; a bound estimated from source would be a number not measured here.</para>
/// </remarks>
internal static class JitInlining
{
    /// <summary>True when a <paramref name="kind"/> call to <paramref name="method"/>, which has code in the compilation, is inlined.</summary>
    public static bool InlinesCall(IMethodSymbol method, OperationClass kind)
    {
        if (kind != OperationClass.Call
            || (method.MethodImplementationFlags & MethodImplAttributes.NoInlining) != 0
            || method.IsAsync)
        {
            return false;
        }

        IMethodSymbol implementation = method.PartialImplementationPart ?? method;
        if (implementation.IsImplicitlyDeclared)
        {
            // Compiler-declared members: constructors, a record's equality and accessors (small), but not its
            // ToString/PrintMembers (a StringBuilder).
            return implementation.MethodKind is MethodKind.Constructor or MethodKind.UserDefinedOperator or MethodKind.PropertyGet or MethodKind.PropertySet
                || implementation.Name is "Equals" or "Deconstruct";
        }

        return HasNoCallKeeper[implementation.OriginalDefinition];
    }

    // Whether the declaration has none of the statements that keep a call: read once per method, not at every call
    // site analysed (a callee met again, memoised or replayed, would otherwise walk its syntax again each time).
    private static readonly PerSymbol<IMethodSymbol, bool> HasNoCallKeeper = new(method =>
        method.DeclaringSyntaxReferences.All(reference => !reference.GetSyntax().DescendantNodes().Any(KeepsCall)));

    private static bool KeepsCall(SyntaxNode node) => node.Kind() is
        SyntaxKind.ForStatement or SyntaxKind.ForEachStatement or SyntaxKind.ForEachVariableStatement
        or SyntaxKind.WhileStatement or SyntaxKind.DoStatement or SyntaxKind.GotoStatement
        or SyntaxKind.TryStatement or SyntaxKind.YieldReturnStatement or SyntaxKind.YieldBreakStatement;
}
