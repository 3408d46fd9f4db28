using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pix.Extraction.Costs;

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
/// <para>One call site the rule does not cover (twenty-eighth session, `call28`): a record struct's compiler-written
/// equality compared behind two conditions or more in a loop, see <see cref="KeepsRecordEqualityCall"/>.</para>
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

    /// <summary>
    /// True when the JIT keeps, at <paramref name="site"/>, the call of a record struct's compiler-written
    /// <c>Equals(T)</c> that <paramref name="method"/> (its <c>==</c>, <c>!=</c> or that <c>Equals</c>) makes: the record has
    /// two fields or more, and the compare runs inside a loop only after two conditions or more of a <c>&amp;&amp;</c> or
    /// <c>||</c> let it (a <c>bool</c> local set from a <c>&amp;&amp;</c> counts its operands).
    /// </summary>
    /// <remarks>
    /// Why: the runtime's <c>MethodJitInliningFailed</c> events (bench/Pix.LoadBalancerParts <c>--inlining</c>,
    /// bench/Pix.RecordEquality) give "unprofitable inline" for <c>Equals(T)</c> at the connection table's
    /// <c>live &amp;&amp; candidate.Hash == hash &amp;&amp; candidate.Key == key</c> (<c>live</c> is itself two conditions),
    /// and the <c>==</c> around it is inlined. The compiler writes <c>Equals(T)</c> as one
    /// <c>EqualityComparer&lt;F&gt;.Default.Equals</c> per field (24 IL bytes a field: 49 for two, 121 for the flow key),
    /// which the JIT's profitability estimate weighs against how often the site runs per entry of the method. The
    /// NAT's and the firewall's chain walks, <c>Hash == hash &amp;&amp; Key == key</c> behind that one condition, have no
    /// call in their Tier-1 code (<c>DOTNET_JitDisasm</c>; all three compiled "with Synthesized PGO"). Unguarded in a loop
    /// or guarded on straight-line code it is inlined for every field count measured (1 to 6), and so is a one-field
    /// record's behind a guard. What the rule misses either way: with the run's own profile the JIT also refuses it
    /// behind one condition that rarely passes (the bench's <c>GuardedF5</c>: not priced as a call here), and inlines it
    /// behind a guard it saw pass at every call (<c>FoundF5</c>); which applies is a fact of the run, not of the source.
    /// </remarks>
    public static bool KeepsRecordEqualityCall(IMethodSymbol method, SyntaxNode site) =>
        IsRecordStructEquality(method)
        && method.ContainingType.GetMembers().OfType<IFieldSymbol>().Count(f => !f.IsStatic && !f.IsConst) >= 2
        && ConditionsBefore(site) >= 2
        && IsInLoop(site);

    /// <summary>
    /// Loads the caller makes to pass a <paramref name="type"/> value to a call it keeps: the System V ABI passes a
    /// struct of up to 16 bytes in two registers, each an 8-byte load of the value's memory (the probe's
    /// <c>mov rsi, [rbp-0x38]; mov rdx, [rbp-0x30]</c>). Counted as one load per 8 bytes of fields beyond that too (a
    /// larger struct is copied to the stack instead; that copy's stores are not counted, not measured here).
    /// </summary>
    public static double ArgumentCopyLoads(ITypeSymbol type) => Math.Ceiling(CostLowering.ValueSize(type) / 8);

    private static bool IsRecordStructEquality(IMethodSymbol method) =>
        method.IsImplicitlyDeclared
        && method.ContainingType is { IsRecord: true, IsValueType: true } record
        && (method.Name is "op_Equality" or "op_Inequality"
            || (method.Name == "Equals" && method.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, record)));

    // Within its expression: how many conditions of the `&&`s and `||`s it is a right operand of run before it
    // (parentheses and `!` between them are the same operand).
    private static int ConditionsBefore(SyntaxNode site)
    {
        int conditions = 0;
        for (SyntaxNode node = site; node.Parent is ExpressionSyntax parent; node = parent)
        {
            if (parent is BinaryExpressionSyntax binary && IsConditional(binary) && binary.Right == node)
            {
                conditions += Conditions(binary.Left, site);
            }
        }

        return conditions;
    }

    // The operands of a `&&`/`||` chain; a local read by name counts those of the `&&` it was declared with (the
    // connection table's `bool live = InUse && now - LastSeen < timeout`), once, not followed further.
    private static int Conditions(ExpressionSyntax expression, SyntaxNode site, bool followLocal = true)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        if (expression is BinaryExpressionSyntax binary && IsConditional(binary))
        {
            return Conditions(binary.Left, site, followLocal) + Conditions(binary.Right, site, followLocal);
        }

        if (followLocal && expression is IdentifierNameSyntax name
            && site.Ancestors().OfType<BlockSyntax>().SelectMany(b => b.Statements.OfType<LocalDeclarationStatementSyntax>())
                .SelectMany(d => d.Declaration.Variables)
                .FirstOrDefault(v => v.Identifier.ValueText == name.Identifier.ValueText && v.SpanStart < site.SpanStart) is { Initializer.Value: { } value })
        {
            return Conditions(value, site, followLocal: false);
        }

        return 1;
    }

    private static bool IsConditional(BinaryExpressionSyntax binary) =>
        binary.Kind() is SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression;

    // Inside a loop of its own method (a lambda or local function is a method of its own).
    private static bool IsInLoop(SyntaxNode site) =>
        site.Ancestors()
            .TakeWhile(n => n is not (BaseMethodDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax))
            .Any(n => n is ForStatementSyntax or ForEachStatementSyntax or ForEachVariableStatementSyntax or WhileStatementSyntax or DoStatementSyntax);

    // Whether the declaration has none of the statements that keep a call: read once per method, not at every call
    // site analysed (a callee met again, memoised or replayed, would otherwise walk its syntax again each time).
    private static readonly PerSymbol<IMethodSymbol, bool> HasNoCallKeeper = new(method =>
        method.DeclaringSyntaxReferences.All(reference => !reference.GetSyntax().DescendantNodes().Any(KeepsCall)));

    private static bool KeepsCall(SyntaxNode node) => node.Kind() is
        SyntaxKind.ForStatement or SyntaxKind.ForEachStatement or SyntaxKind.ForEachVariableStatement
        or SyntaxKind.WhileStatement or SyntaxKind.DoStatement or SyntaxKind.GotoStatement
        or SyntaxKind.TryStatement or SyntaxKind.YieldReturnStatement or SyntaxKind.YieldBreakStatement;
}
