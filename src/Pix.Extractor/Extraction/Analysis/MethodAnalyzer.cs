using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Costs;
using Pix.Extraction.Inputs;
using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.Extraction.Analysis;

/// <summary>
/// Analyses one method body: walks its IOperation tree in source order, lowering every operation
/// to operation classes on the current paths, forking paths on conditions over inputs, closing
/// loops into terms with trip counts, and inlining callees' summaries. The partial files hold one
/// job each: statements, expressions (cost lowering), branches, loops, calls.
/// </summary>
internal sealed partial class MethodAnalyzer
{
    private readonly ExtractionSession _session;
    private readonly IMethodSymbol _method;
    private readonly QuantityTable _quantities;
    private readonly InputResolver _inputs;
    private readonly Dictionary<ISymbol, SymbolicValue> _environment = new(SymbolEqualityComparer.Default);
    private readonly List<LoopFrame> _loops = new();
    private PathSet _paths = PathSet.Start();
    private ChainRegion _region;
    private readonly ReturnPaths _returnPaths;
    private int _depth;

    public MethodAnalyzer(ExtractionSession session, IMethodSymbol method)
    {
        _session = session;
        _method = method;
        // A PCV must not take a captured primary-constructor parameter's name either: as a companion parameter it would hide it.
        _quantities = new QuantityTable(method.Parameters.Concat(PrimaryConstructorParameters.ReadableBy(method)).Select(p => p.Name));
        _returnPaths = new ReturnPaths(method);
        _region = new ChainRegion(isLoopBody: false, path => _paths.ObserveLongest(path));
        _inputs = new InputResolver(
            _quantities,
            symbol => _environment.TryGetValue(symbol, out SymbolicValue? v) ? v : null,
            // Accessible from this method's type: a caller re-checks each step when it substitutes,
            // so the extracted method's own type has the last word.
            member => session.Compilation.IsSymbolAccessibleWithin(member, method.ContainingType));
    }

    private ExtractionOptions Options => _session.Options;

    public MethodSummary Analyze()
    {
        Provenance origin = SourceLocations.Of(_method, "method " + _method.Name);
        IOperation? body = FindBody(_method);
        if (body is null && SynthesizedCost(_method) is { } synthesized)
        {
            BindParameters();
            Emit(synthesized);
            if (ConstructorBody.IsPrimary(_method))
            {
                // Its initializers, then the base list's constructor call; the initializers and the base list's
                // arguments read its parameters.
                RunInitializers(body: null);
                CallBaseOfBodyless();
            }

            return Finish(origin, hasBody: true);
        }

        if (body is null && ConstructorBody.IsImplicitOfSourceClass(_method, _session.Compilation))
        {
            RunInitializers(body: null);
            CallBaseOfBodyless();
            return Finish(origin, hasBody: true);
        }

        if (body is null)
        {
            _session.AddGap(new Gap(
                GapKind.UnsupportedConstruct,
                "method without source body",
                $"{_method.Name} has no body Pix can read (abstract, extern or partial without implementation); its cost is an opaque term.",
                origin));
            _paths.AddOpaque(DisplayNames.Of(_method));
            return Finish(origin, hasBody: false);
        }

        BindParameters();
        if (_method.IsAsync)
        {
            Unsupported(body, "async method", "await points are priced as opaque terms; the time spent waiting is not modelled.");
        }

        // A constructor runs its type's initializers before its base call and body.
        RunInitializers(body);
        VisitStatement(body);
        return Finish(origin, hasBody: true);
    }

    /// <summary>The parameters' symbolic values, which the code reads.</summary>
    private void BindParameters()
    {
        // A partial method's body refers to its implementation part's parameters, not to those of the
        // declaration a call binds to.
        foreach (IParameterSymbol parameter in (_method.PartialImplementationPart ?? _method).Parameters)
        {
            if (_inputs.Parameter(parameter) is { } value)
            {
                _environment[parameter] = value;
            }
        }

        // Captured primary-constructor parameters are bound like parameters, so that a write in the body replaces them as it does a local's.
        foreach (IParameterSymbol captured in PrimaryConstructorParameters.ReadableBy(_method))
        {
            if (_inputs.Captured(captured) is { } value)
            {
                _environment[captured] = value;
            }
        }
    }

    private MethodSummary Finish(Provenance origin, bool hasBody)
    {
        AllocationSites.ForMeasurement?.Enter(AllocationSite.Finish);
        try
        {
            return FinishCore(origin, hasBody);
        }
        finally
        {
            AllocationSites.ForMeasurement?.Leave();
        }
    }

    private MethodSummary FinishCore(Provenance origin, bool hasBody)
    {
        if (_session.IsRecursive(_method.OriginalDefinition))
        {
            DropArmPcvsOfRecursion(origin);
            MultiplyByRecursionDepth(origin);
        }

        OperationVector chain = _paths.Alternatives.Count == 1 ? _paths.Alternatives[0].Cost.LongestPath : _region.Chain();
        return new MethodSummary(_method, _quantities, _paths.Alternatives, chain, _returnPaths, origin, hasBody);
    }

    /// <summary>
    /// A recursive method's paths forking on a 0/1 arm PCV: <c>recursionDepth</c> would multiply the chosen
    /// arm, so all invocations would take it or none. The fork is dropped (the costlier arm kept) and reported.
    /// </summary>
    private void DropArmPcvsOfRecursion(Provenance origin)
    {
        if (!_paths.Alternatives.Any(a => ReadsPcv(a.Guard, _quantities)))
        {
            return;
        }

        _session.AddGap(new Gap(
            GapKind.MisplacedHint,
            "PixHint.Pcv",
            $"{_method.Name} calls itself; its hinted branch arm ({PcvsRead(_paths.Alternatives, _quantities)}) is 0 or 1 per invocation, which cannot say how many " +
            "of the recursive invocations take the arm; the hint was ignored and the costlier arm kept.",
            origin));
        _paths = new PathSet(CostliestWithoutPcvGuards(_paths.Alternatives, _quantities));
    }

    /// <summary>
    /// A recursive method's cost per invocation, times the number of invocations (a PCV: for a
    /// linear recursion, its depth).
    /// </summary>
    private void MultiplyByRecursionDepth(Provenance origin)
    {
        QuantityInfo depth = _quantities.Pcv(
            "recursionDepth",
            $"invocations of {_method.Name} in one call (its recursion depth for a linear recursion)",
            bound: null,
            origin);
        _session.AddGap(new Gap(
            GapKind.Recursion,
            "recursion in " + _method.Name,
            $"{_method.Name} calls itself; its cost is the cost of one invocation times the PCV '{depth.Name}'. Pass it to the interface.",
            origin));
        Poly times = Poly.Of(depth.Atom);

        // The paths share the terms they had before they forked: each is multiplied once, by identity.
        var multiplied = new Dictionary<PendingTerm, PendingTerm>(SameInstance<PendingTerm>.Comparer);
        PendingTerm Multiply(PendingTerm term)
        {
            if (!multiplied.TryGetValue(term, out PendingTerm? result))
            {
                result = term.WithCount(c => c.Times(times));
                multiplied[term] = result;
            }

            return result;
        }

        for (int i = 0; i < _paths.Alternatives.Count; i++)
        {
            PathAlternative alternative = _paths.Alternatives[i];
            CostAccumulator cost = alternative.Cost;
            var terms = cost.Terms.Select(Multiply).ToList();
            if (!cost.Operations.IsEmpty || cost.Opaque.Count > 0)
            {
                terms.Insert(0, new PendingTerm(PendingTerm.CreateBlock(cost.Operations, cost.LongestPath, cost.Opaque), times, origin, "each recursive invocation"));
            }

            CostAccumulator replaced = new();
            replaced.Terms.AddRange(terms);
            replaced.AddSlackOf(cost, Multiply);
            _paths.Alternatives[i] = new PathAlternative(alternative.Guard, replaced, alternative.Terminated);
        }
    }

    /// <summary>
    /// Members the compiler writes for records and primary constructors: a primary constructor stores
    /// each parameter; record equality compares, and record hashing mixes, each instance field.
    /// </summary>
    private static OperationVector? SynthesizedCost(IMethodSymbol method)
    {
        INamedTypeSymbol type = method.ContainingType;
        if (ConstructorBody.IsPrimary(method))
        {
            return OperationVector.Of((OperationClass.Store, method.Parameters.Length));
        }

        if (!method.IsImplicitlyDeclared || !type.IsRecord)
        {
            return null;
        }

        int fields = type.GetMembers().OfType<IFieldSymbol>().Count(f => !f.IsStatic && !f.IsConst);
        return method.Name switch
        {
            "op_Equality" or "op_Inequality" or "Equals" =>
                OperationVector.Of((OperationClass.Load, 2 * fields), (OperationClass.IntegerAlu, fields), (OperationClass.Branch, fields)),
            "GetHashCode" => OperationVector.Of((OperationClass.Load, fields), (OperationClass.IntegerAlu, 3 * fields), (OperationClass.IntegerMultiply, fields)),
            _ => null,
        };
    }

    private IOperation? FindBody(IMethodSymbol method)
    {
        AllocationSites.ForMeasurement?.Enter(AllocationSite.Binding);
        IOperation? body = MethodBodies.Find(method, _session.Compilation, _session.SemanticModel, _session.CancellationToken);
        AllocationSites.ForMeasurement?.Leave();
        return body;
    }

    // ---- shared helpers -------------------------------------------------------------------

    private void Emit(OperationVector operations) => _paths.AddOperations(operations);

    private void Emit(OperationClass operation, double count = 1) => _paths.AddOperations(OperationVector.Of((operation, count)));

    private void AddGap(GapKind kind, string construct, string reason, IOperation at) => AddGap(kind, construct, reason, at.Syntax);

    private void AddGap(GapKind kind, string construct, string reason, SyntaxNode at) =>
        _session.AddGap(new Gap(kind, construct, reason, SourceLocations.Of(at, construct)));

    /// <summary>A construct the extractor does not model: an opaque term named after it, and a gap.</summary>
    private void Unsupported(IOperation at, string construct, string reason)
    {
        _paths.AddOpaque(construct);
        AddGap(GapKind.UnsupportedConstruct, construct, reason, at);
    }

    /// <summary>Enters a node: false when the budget is spent or the nesting is too deep (then it is summarised).</summary>
    private bool Enter(IOperation operation)
    {
        if (!_session.Visit(operation))
        {
            return false;
        }

        if (_depth >= Options.MaxNestingDepth)
        {
            // A limit of the analysis like the operation budget (GapKind.BudgetExceeded: "size or
            // depth"), not a construct Pix cannot model: the same code, split up, is analysed in full.
            const string construct = "deeply nested code";
            _paths.AddOpaque(construct);
            AddGap(
                GapKind.BudgetExceeded,
                construct,
                $"Code nested more than {Options.MaxNestingDepth} levels deep is priced as one opaque term; split the expression, or raise ExtractionOptions.MaxNestingDepth.",
                operation);
            return false;
        }

        _depth++;
        AllocationSites.ForMeasurement?.Enter(operation);
        return true;
    }

    private void Leave()
    {
        _depth--;
        AllocationSites.ForMeasurement?.Leave();
    }

    private SymbolicValue? ValueOf(ISymbol symbol) => _environment.TryGetValue(symbol, out SymbolicValue? v) ? v : null;

    private void SetValue(ISymbol symbol, SymbolicValue? value)
    {
        if (value is null)
        {
            _environment.Remove(symbol);
        }
        else
        {
            _environment[symbol] = value;
        }
    }

    private Dictionary<ISymbol, SymbolicValue> SnapshotEnvironment() => new(_environment, SymbolEqualityComparer.Default);

    private void RestoreEnvironment(Dictionary<ISymbol, SymbolicValue> snapshot)
    {
        _environment.Clear();
        foreach (var entry in snapshot)
        {
            _environment[entry.Key] = entry.Value;
        }
    }

    /// <summary>After alternative arms: keep what every arm agrees on.</summary>
    private void MergeEnvironments(IReadOnlyList<Dictionary<ISymbol, SymbolicValue>> arms)
    {
        _environment.Clear();
        if (arms.Count == 0)
        {
            return;
        }

        foreach (var entry in arms[0])
        {
            if (EveryArmHas(arms, entry.Key, entry.Value))
            {
                _environment[entry.Key] = entry.Value;
            }
        }
    }

    // A loop, not arms.All(lambda): the lambda captured the entry, an allocation per variable per merge of arms.
    private static bool EveryArmHas(IReadOnlyList<Dictionary<ISymbol, SymbolicValue>> arms, ISymbol variable, SymbolicValue value)
    {
        for (int i = 0; i < arms.Count; i++)
        {
            if (!arms[i].TryGetValue(variable, out SymbolicValue? v) || !v.Equals(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True inside a loop of this method: exits then end iterations early instead of paths.</summary>
    private bool InLoop => _loops.Count > 0;
}
