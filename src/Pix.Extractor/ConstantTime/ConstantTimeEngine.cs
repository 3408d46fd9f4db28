using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.ConstantTime.Balance;
using Pix.Solver;

namespace Pix.ConstantTime;

/// <summary>
/// Checks methods for timing leaks of secrets (see docs/constant-time.md). One engine per
/// compilation: it memoises the summaries of the source methods it follows calls into, so a helper
/// called from many constant-time methods is analysed once per pattern of secret arguments.
/// Thread-safe: an analyzer calls it concurrently for different methods.
/// </summary>
public sealed class ConstantTimeEngine
{
    /// <summary>How deep calls into source methods are followed; deeper calls pass taint through unanalysed.</summary>
    public const int MaxCallDepth = 3;

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<IMethodSymbol, IOperation?> _bodies = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<(IMethodSymbol Method, string Secrets), CalleeSummary> _summaries =
        new(new SummaryKeyComparer());

    private readonly ConcurrentDictionary<IMethodSymbol, MethodArmCosts> _armCosts = new(SymbolEqualityComparer.Default);
    private readonly Lazy<SolverEngine> _solver;

    /// <summary>
    /// Creates an engine for <paramref name="compilation"/>. <paramref name="solver"/> proves
    /// symbolic arm costs equal; by default Z3 when libz3 loads, else the fallback engine (created
    /// only when a branch needs it).
    /// </summary>
    public ConstantTimeEngine(Compilation compilation, ConstantTimeSymbols symbols, ConstantTimeOptions? options = null, SolverEngine? solver = null)
    {
        _compilation = compilation;
        Symbols = symbols;
        Options = options ?? ConstantTimeOptions.Default;
        _solver = solver is null
            ? new Lazy<SolverEngine>(() => SolverEngine.CreateDefault(Options.Solver), LazyThreadSafetyMode.ExecutionAndPublication)
            : new Lazy<SolverEngine>(() => solver);
    }

    /// <summary>The settings.</summary>
    public ConstantTimeOptions Options { get; }

    /// <summary>The attribute and library symbols of the compilation.</summary>
    public ConstantTimeSymbols Symbols { get; }

    /// <summary>Checks <paramref name="method"/>, whose body is <paramref name="body"/>.</summary>
    public ConstantTimeReport Check(IMethodSymbol method, IOperation body, CancellationToken cancellationToken)
    {
        var walker = new TaintWalker(this, method, 0, ImmutableHashSet.Create<IMethodSymbol>(SymbolEqualityComparer.Default, method.OriginalDefinition), cancellationToken);
        foreach (IParameterSymbol parameter in SecretPolicy.SecretParameters(method, Symbols))
        {
            walker.Seed(parameter, Taint.FromSecret(parameter.Name, parameter.Locations.FirstOrDefault() ?? Location.None));
        }

        IReadOnlyList<PendingFinding> pending = walker.Run(body);
        ImmutableArray<ConstantTimeFinding> findings = VerdictRule.Apply(body, pending)
            .GroupBy(f => (f.Kind, f.Location.SourceSpan))
            .Select(g => g.First())
            .OrderBy(f => f.Location.SourceSpan.Start)
            .ToImmutableArray();
        return new ConstantTimeReport(method, findings, JitProtection.MissingProtection(method, body, Symbols))
        {
            Secrets = walker.Secrets.ToImmutableDictionary(SymbolEqualityComparer.Default),
        };
    }

    /// <summary>Checks <paramref name="method"/> from its declaration; null when it has no body in source.</summary>
    public ConstantTimeReport? Check(IMethodSymbol method, CancellationToken cancellationToken)
    {
        IOperation? body = BodyOf(method, cancellationToken);
        return body is null ? null : Check(method, body, cancellationToken);
    }

    /// <summary>True when <paramref name="method"/> is checked on its own (so leaks in it are reported there, not at call sites).</summary>
    internal bool IsCheckedOnItsOwn(IMethodSymbol method) => SecretPolicy.IsChecked(method.OriginalDefinition, Symbols);

    /// <summary>True when calls to <paramref name="method"/> can be followed into its source.</summary>
    internal bool HasSource(IMethodSymbol method)
    {
        IMethodSymbol definition = method.OriginalDefinition;
        return !definition.IsAbstract && !definition.IsExtern && !definition.DeclaringSyntaxReferences.IsEmpty &&
               SymbolEqualityComparer.Default.Equals(definition.ContainingAssembly, _compilation.Assembly);
    }

    /// <summary>What <paramref name="method"/> does when the parameters in <paramref name="secretOrdinals"/> are secret.</summary>
    internal CalleeSummary Summarize(
        IMethodSymbol method,
        ISet<int> secretOrdinals,
        bool receiverIsSecret,
        int depth,
        ImmutableHashSet<IMethodSymbol> callChain,
        CancellationToken cancellationToken)
    {
        IMethodSymbol definition = method.OriginalDefinition;
        if (depth > MaxCallDepth || callChain.Contains(definition))
        {
            return CalleeSummary.Opaque;
        }

        string key = string.Join(",", secretOrdinals.OrderBy(o => o)) + (receiverIsSecret ? ";this" : string.Empty);
        if (_summaries.TryGetValue((definition, key), out CalleeSummary? cached))
        {
            return cached;
        }

        // Binding a body is the expensive part; a callee summarised for several patterns of secret
        // arguments is bound once.
        IOperation? body = _bodies.GetOrAdd(definition, m => BodyOf(m, cancellationToken));
        if (body is null)
        {
            return CalleeSummary.Opaque;
        }

        var walker = new TaintWalker(this, definition, depth, callChain.Add(definition), cancellationToken);
        foreach (IParameterSymbol parameter in definition.Parameters.Where(p => secretOrdinals.Contains(p.Ordinal)))
        {
            walker.Seed(parameter, Taint.FromSecret(parameter.Name, parameter.Locations.FirstOrDefault() ?? Location.None));
        }

        IReadOnlyList<PendingFinding> pending = walker.Run(body);
        var summary = new CalleeSummary(
            pending.Select(p => p.Finding).ToImmutableArray(),
            walker.ReturnTaint is not null,
            definition.Parameters
                .Where(p => walker.TaintOf(p) is not null && (p.RefKind is RefKind.Ref or RefKind.Out || p.Type is IArrayTypeSymbol || p.Type.Name == "Span"))
                .Select(p => p.Ordinal)
                .ToImmutableHashSet());
        return _summaries.GetOrAdd((definition, key), summary);
    }

    /// <summary>
    /// Null when balanced branches are not exempt (<see cref="ConstantTimeOptions.ExemptBalancedBranches"/>);
    /// otherwise whether the arms of <paramref name="branch"/>, in <paramref name="method"/>, leave
    /// alike and cost the same in the interface model.
    /// </summary>
    internal ArmBalance? BalanceOf(IMethodSymbol method, IConditionalOperation branch, CancellationToken cancellationToken)
    {
        if (!Options.ExemptBalancedBranches)
        {
            return null;
        }

        if (!ArmExits.LeaveAlike(branch.WhenTrue, branch.WhenFalse))
        {
            return ArmBalance.Unbalanced(branch.WhenFalse is null ? "each way runs different code" : "the arms leave differently (return, throw, break or continue)");
        }

        // One extraction per method, on the first secret two-armed branch (most methods have none),
        // shared by its branches. Computed with this caller's token and cached only once complete, so a
        // cancelled analysis leaves nothing behind; two threads may rarely both compute it, harmlessly.
        IMethodSymbol definition = method.OriginalDefinition;
        if (!_armCosts.TryGetValue(definition, out MethodArmCosts? costs))
        {
            costs = _armCosts.GetOrAdd(definition, MethodArmCosts.Analyze(definition, _compilation, cancellationToken));
        }

        return costs.Balance(branch.Syntax, _solver, cancellationToken);
    }

    private IOperation? BodyOf(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            SyntaxNode declaration = reference.GetSyntax(cancellationToken);
            if (!_compilation.ContainsSyntaxTree(declaration.SyntaxTree))
            {
                continue;
            }

            SemanticModel model = Pix.Extraction.Analysis.SemanticModels.Of(_compilation, declaration.SyntaxTree);
            if (model.GetOperation(declaration, cancellationToken) is { } body and (IMethodBodyOperation or IBlockOperation))
            {
                return body;
            }
        }

        return null;
    }

    private sealed class SummaryKeyComparer : IEqualityComparer<(IMethodSymbol Method, string Secrets)>
    {
        public bool Equals((IMethodSymbol Method, string Secrets) x, (IMethodSymbol Method, string Secrets) y) =>
            SymbolEqualityComparer.Default.Equals(x.Method, y.Method) && x.Secrets == y.Secrets;

        public int GetHashCode((IMethodSymbol Method, string Secrets) obj) =>
            SymbolEqualityComparer.Default.GetHashCode(obj.Method) * 31 + obj.Secrets.GetHashCode();
    }
}
