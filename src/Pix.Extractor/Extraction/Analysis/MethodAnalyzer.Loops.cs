using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Costs;
using Pix.Extraction.Inputs;
using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.Extraction.Analysis;

internal sealed partial class MethodAnalyzer
{
    /// <summary>
    /// A loop being analysed: what its body may rely on (bounds-check elision) and where code the
    /// JIT moves out of it is counted (loop-invariant code motion).
    /// </summary>
    private sealed class LoopFrame
    {
        public LoopFrame(ILoopOperation loop, LoopShape? shape, PathSet preheader, HashSet<ISymbol> written, bool exitsEarly)
        {
            Loop = loop;
            Shape = shape;
            Preheader = preheader;
            Written = written;
            ExitsEarly = exitsEarly;
        }

        public ILoopOperation Loop { get; }

        public LoopShape? Shape { get; }

        /// <summary>The paths the loop was entered from: code hoisted out of the loop runs there, once per entry.</summary>
        public PathSet Preheader { get; }

        /// <summary>Locals and parameters assigned anywhere in the loop (its condition and step included).</summary>
        public HashSet<ISymbol> Written { get; }

        /// <summary>True when a return, throw, break or data-dependent condition can end the loop before its bound.</summary>
        public bool ExitsEarly { get; }

        /// <summary>The loop's trip count per entry (its PCV when it has one): a branch-arm PCV inside counts against it.</summary>
        public Poly Trips { get; init; } = Poly.Zero;

        /// <summary>The symbolic value of the induction variable inside the body, when the loop has one.</summary>
        public LoopVariableAtom? Variable { get; init; }

        /// <summary>Keys of the expressions already hoisted into <see cref="Preheader"/> (the JIT computes each once).</summary>
        public HashSet<string> Hoisted { get; } = new(System.StringComparer.Ordinal);
    }

    private void VisitFor(IForLoopOperation loop)
    {
        foreach (IOperation before in loop.Before)
        {
            VisitStatement(before);
        }

        HashSet<ISymbol> written = WrittenIn(loop);
        LoopShape? shape = RecognizeFor(loop, written, out IOperation? dataCondition);
        RunLoop(
            loop,
            shape,
            written,
            dataCondition,
            walkIteration: () =>
            {
                _region.Observe(Evaluate(loop.Condition));
                Emit(OperationClass.Branch);
                VisitStatement(loop.Body);
                foreach (IOperation step in loop.AtLoopBottom)
                {
                    VisitStatement(step);
                }
            },
            perIteration: null,
            hiddenCycle: null,
            kind: "for loop");

        // The condition is tested once more than the body runs.
        if (loop.Condition is not null)
        {
            Emit(OperationVector.Of((OperationClass.IntegerAlu, 1), (OperationClass.Branch, 1)));
        }
    }

    private void VisitWhile(IWhileLoopOperation loop)
    {
        HashSet<ISymbol> written = WrittenIn(loop);
        LoopShape? shape = RecognizeWhile(loop, written, out IOperation? dataCondition);
        RunLoop(
            loop,
            shape,
            written,
            dataCondition,
            walkIteration: () =>
            {
                _region.Observe(Evaluate(loop.Condition));
                Emit(OperationClass.Branch);
                VisitStatement(loop.Body);
            },
            perIteration: null,
            hiddenCycle: null,
            kind: loop.ConditionIsTop ? "while loop" : "do loop");
        if (loop.ConditionIsTop && loop.Condition is not null)
        {
            Emit(OperationVector.Of((OperationClass.IntegerAlu, 1), (OperationClass.Branch, 1)));
        }
    }

    private void VisitForEach(IForEachLoopOperation loop)
    {
        IOperation collection = loop.Collection;
        while (collection is IConversionOperation { IsImplicit: true } conversion)
        {
            collection = conversion.Operand;
        }

        _region.Observe(Evaluate(collection));
        ITypeSymbol? type = collection.Type;
        Poly? length = _inputs.LengthOf(collection);
        bool indexed = type is IArrayTypeSymbol || type?.SpecialType == SpecialType.System_String || InputResolver.IsSpanLike(type);
        bool list = type is INamedTypeSymbol { Name: "List", ContainingNamespace: { Name: "Generic" } };
        OperationVector perIteration;
        if (indexed)
        {
            // Element load, index increment, compare, back-edge.
            perIteration = OperationVector.Of((OperationClass.Load, 1), (OperationClass.IntegerAlu, 2), (OperationClass.Branch, 1));
        }
        else if (list)
        {
            // List<T>.Enumerator.MoveNext, inlined: version check, index < size, load _items[index], store current.
            perIteration = OperationVector.Of(
                (OperationClass.Load, 4), (OperationClass.IntegerAlu, 3), (OperationClass.Branch, 2),
                (OperationClass.BoundsCheck, 1), (OperationClass.Store, 2));
        }
        else
        {
            bool structEnumerator = IsStructEnumerator(loop);
            OperationClass call = structEnumerator ? OperationClass.Call : OperationClass.InterfaceCall;
            perIteration = OperationVector.Of((call, 2), (OperationClass.Branch, 1));
            Emit(structEnumerator
                ? OperationVector.Of((OperationClass.Call, 1))
                : OperationVector.Of((OperationClass.Allocation, 1), (OperationClass.AllocatedByte, 32), (OperationClass.InterfaceCall, 2)));
        }

        HashSet<ISymbol> written = WrittenIn(loop);
        LoopShape? shape = length is null
            ? null
            : new LoopShape(null, Poly.Zero, 1, length.Minus(Poly.One), length, null, "foreach");
        RunLoop(
            loop,
            shape,
            written,
            dataCondition: null,
            walkIteration: () =>
            {
                foreach (ILocalSymbol local in loop.Locals)
                {
                    _region.Write(local, DependencyFlow.None.Then(OperationVector.Of((OperationClass.Load, 1))));
                    SetValue(local, null);
                }

                VisitStatement(loop.Body);
            },
            perIteration,
            hiddenCycle: indexed || list ? OperationVector.Of((OperationClass.IntegerAlu, 1)) : null,
            kind: "foreach loop");
    }

    private bool IsStructEnumerator(IForEachLoopOperation loop)
    {
        if (loop.Syntax is not CommonForEachStatementSyntax syntax)
        {
            return false;
        }

        ForEachStatementInfo info = _session.SemanticModel(syntax.SyntaxTree).GetForEachStatementInfo(syntax);
        return info.GetEnumeratorMethod?.ReturnType.IsValueType == true;
    }

    /// <summary>
    /// Analyses one iteration of <paramref name="loop"/> in its own region and path set, then closes
    /// it: every term of the body is summed over the iterations (a product for independent nests, a
    /// Faulhaber closed form when the body's count reads the induction variable).
    /// </summary>
    private void RunLoop(
        ILoopOperation loop,
        LoopShape? shape,
        HashSet<ISymbol> written,
        IOperation? dataCondition,
        System.Action walkIteration,
        OperationVector? perIteration,
        OperationVector? hiddenCycle,
        string kind)
    {
        int line = SourceLocations.Line(loop);
        LoopHints hints = LoopHints.Read(loop.Body, _inputs);
        IOperation? exit = FindEarlyExit(loop);
        Poly? full = shape?.Trips ?? hints.Bound;
        string over = shape is not null ? Describe(shape, loop) : hints.Bound is not null ? "hinted bound " + hints.Bound : "unknown bound";
        Provenance where = SourceLocations.Of(loop, $"{kind} over {over}");
        if (hints.HasBound && hints.Bound is null)
        {
            AddGap(GapKind.UnboundedLoop, "PixHint.LoopBound", "The hint's argument must be a constant or an expression over the method's inputs.", loop);
        }

        if (hints.HasPcv && hints.PcvName is null)
        {
            AddGap(GapKind.MisplacedHint, "PixHint.Pcv", "The PCV's name must be a constant C# identifier; the hint was ignored.", loop);
        }

        Forget(written);
        LoopVariableAtom? variable = null;
        if (shape?.Variable is { } induction)
        {
            variable = new LoopVariableAtom(_session.NewLoopVariableId(), induction.Name, shape.Start, shape.Last);
            SetValue(induction, new NumberValue(Poly.Of(variable)));
        }

        Poly trips = full ?? Poly.Zero;
        bool exitsEarly = exit is not null || dataCondition is not null;
        if (exitsEarly || hints.PcvName is not null || full is null)
        {
            Poly? bound = full is null ? null : Summation.WithoutLoopVariables(full);
            string name = hints.PcvName ?? (full is null ? PcvNames.UnboundedIterations : ExitPcvName(loop, exit, dataCondition, shape));
            string pcvDescription = hints.PcvDescription
                ?? (full is null
                    ? $"iterations of the {kind} at line {line} (no bound found)"
                    : $"iterations of the {kind} at line {line} before it exits (at most {bound?.ToExpr()})");
            QuantityInfo pcv = hints.PcvName is not null ? HintedPcv(name, pcvDescription, bound, where, loop) : _quantities.Pcv(name, pcvDescription, bound, where);

            // A PixHint.Pcv name is the user acknowledging the count: asking them for a hint again would be noise.
            if (full is null && hints.PcvName is null)
            {
                AddGap(
                    GapKind.UnboundedLoop,
                    $"{kind} at line {line}",
                    $"Pix found no bound for this loop; its iteration count is the PCV '{pcv.Name}'. Add PixHint.LoopBound(...) or PixHint.Pcv(...) as its first statement.",
                    loop);
            }

            trips = Poly.Of(pcv.Atom);
        }

        PathSet outerPaths = _paths;
        ChainRegion outerRegion = _region;
        _paths = PathSet.Start();
        _region = new ChainRegion(isLoopBody: true, path => _paths.ObserveLongest(path));
        _loops.Add(new LoopFrame(loop, shape, outerPaths, written, exitsEarly) { Trips = trips, Variable = variable });
        try
        {
            walkIteration();
            if (perIteration is not null)
            {
                Emit(perIteration);
            }

            if (hiddenCycle is not null)
            {
                _region.AddCarriedCycle(hiddenCycle);
            }
        }
        finally
        {
            _loops.RemoveAt(_loops.Count - 1);
        }

        OperationVector chain = _region.Chain();
        List<PathAlternative> body = _paths.Alternatives;
        _paths = outerPaths;
        _region = outerRegion;
        // The nested loop may have written what the enclosing iteration's addresses were computed from.
        _region.ForgetAddresses();
        Forget(written);
        if (shape?.Variable is { } v)
        {
            SetValue(v, null);
        }

        string description = $"{(kind == "foreach loop" ? "foreach" : "loop")} over {over}";
        // The loop's name in its exit terms, made once, not per path and term.
        string atLine = $"{kind} at line {line}";
        CostAccumulator? hitTest = TakeHitTest(loop);
        bool missesOnExit = ExitsOnData(loop, shape, dataCondition);
        var closed = new List<PathAlternative>();
        // The body's paths share the slack terms of the branches before their forks: each is summed once.
        var summedSlack = new Dictionary<PendingTerm, PendingTerm>(SameInstance<PendingTerm>.Comparer);
        foreach (PathAlternative alternative in body)
        {
            var cost = new CostAccumulator();

            if (!alternative.Cost.Operations.IsEmpty || alternative.Cost.Opaque.Count > 0)
            {
                // Each iteration ends in one taken branch, the back-edge (or the jump to the test).
                OperationVector iteration = alternative.Cost.Operations.Clone().AddTakenBranches(1);
                cost.Terms.Add(new PendingTerm(PendingTerm.CreateBlock(iteration, chain, alternative.Cost.Opaque), Poly.One, where, description));
            }

            cost.Terms.AddRange(alternative.Cost.Terms);
            for (int i = 0; i < cost.Terms.Count; i++)
            {
                // A branch-arm PCV's terms already count every run in one call of the method.
                cost.Terms[i] = cost.Terms[i].CountsWholeCall
                    ? cost.Terms[i]
                    : cost.Terms[i].WithCount(c => Summation.SumOverIterations(c, variable, shape?.Start ?? Poly.Zero, shape?.Step ?? 1, trips));
            }

            // The slack of the body's branches on data runs as often as the body's terms do.
            cost.AddSlackOf(alternative.Cost, term =>
            {
                if (term.CountsWholeCall)
                {
                    return term;
                }

                if (!summedSlack.TryGetValue(term, out PendingTerm? summed))
                {
                    summedSlack[term] = summed = term.WithCount(c => Summation.SumOverIterations(c, variable, shape?.Start ?? Poly.Zero, shape?.Step ?? 1, trips));
                }

                return summed;
            });
            if (hitTest is not null)
            {
                cost.Terms.AddRange(OnceAtTheHit(hitTest, trips, where, atLine));
                cost.AddSlackOf(hitTest, term => term.WithCount(count => count.Times(MoreThan(trips, 0))));
            }

            if (missesOnExit)
            {
                // Once per execution of the loop, not per iteration (MethodAnalyzer.Mispredictions.cs).
                cost.Terms.Add(MispredictedExit(trips, ConstantBound(shape), where, atLine));
                if (ConstantBound(shape) is not <= LongLoopIterations)
                {
                    cost.Terms.Add(ExitPastLongLoop(trips, where, atLine));
                }
            }

            closed.Add(new PathAlternative(alternative.Guard, cost));
        }

        _paths.Then(closed);
        LimitPieces(loop);
    }

    /// <summary>The loop's trip count when its counter runs to a constant bound (<c>i &lt; 8</c>), else null.</summary>
    private static double? ConstantBound(LoopShape? shape) =>
        shape is not null && shape.Trips.IsConstant(out double bound) ? bound : null;

    private static string Describe(LoopShape shape, ILoopOperation loop)
    {
        if (!InputResolver.IsInputOnly(shape.Trips) && loop is IForLoopOperation { Condition: { } condition })
        {
            return condition.Syntax.ToString();
        }

        // "loop over n" reads better than "loop over max(0, n)"; the count keeps the max.
        Expr trips = shape.Trips.ToExpr();
        string shown = (trips is MaxExpr { Left: ConstExpr { Value: 0 } } max ? max.Right : trips).ToString();

        // A bound through Math.Min/Max reads as the source wrote it ("i < Math.Min(n, m)"), not as n - max(0, n - m).
        return shown.Contains("max(") && loop is IForLoopOperation { Condition: { } test } ? test.Syntax.ToString() : shown;
    }

    private void Forget(IEnumerable<ISymbol> symbols)
    {
        foreach (ISymbol symbol in symbols)
        {
            SetValue(symbol, null);
        }
    }

    /// <summary>
    /// True when the JIT's code for <c>array[index]</c> has no bounds check: the canonical
    /// <c>for (i = 0; i &lt; a.Length; i++) a[i]</c> access, or an access the JIT's loop cloning
    /// covers (<see cref="IsCoveredByLoopCloning"/>).
    /// </summary>
    private bool IsBoundsCheckElided(IOperation array, IOperation index)
    {
        ISymbol? arraySymbol = ReferencedVariable(array);
        ISymbol? indexSymbol = ReferencedVariable(index);
        if (arraySymbol is null || indexSymbol is null)
        {
            return false;
        }

        foreach (LoopFrame frame in _loops)
        {
            if (frame.Shape is { BoundedArray: { } bounded, Variable: { } variable }
                && SymbolEqualityComparer.Default.Equals(bounded, arraySymbol)
                && SymbolEqualityComparer.Default.Equals(variable, indexSymbol))
            {
                return true;
            }

            if (IsCoveredByLoopCloning(frame, arraySymbol, indexSymbol, index))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// RyuJIT clones a counted loop <c>for (i = start; i &lt; limit; i++)</c> that indexes an array
    /// with its variable: the copy runs when <c>start ≥ 0</c> and <c>limit ≤ a.Length</c> (tested
    /// once before the loop) and has no bounds check on <c>a[i]</c>. When every iteration runs and
    /// makes the access without throwing, those conditions hold, so the copy is what runs: that is
    /// the case this interface prices (an early exit, or an access on some iterations only, could
    /// leave the JIT on the checked copy, and is counted with its check; .NET 10 clones such loops
    /// too, so this errs towards more checks). The indexed variable must be an array or a
    /// <c>Span&lt;T&gt;</c>/<c>ReadOnlySpan&lt;T&gt;</c> (both cloned by .NET 10) that the loop does not assign.
    /// </summary>
    private static bool IsCoveredByLoopCloning(LoopFrame frame, ISymbol array, ISymbol index, IOperation access) =>
        frame.Loop is IForLoopOperation
        && !frame.ExitsEarly
        && frame.Shape is { Variable: { } variable, Step: 1, Pattern: "counter" }
        && SymbolEqualityComparer.Default.Equals(variable, index)
        && IsClonableIndexed(array)
        && !frame.Written.Contains(array)
        && !RunsConditionally(access, frame.Loop);

    private static bool IsClonableIndexed(ISymbol variable)
    {
        (RefKind refKind, ITypeSymbol? type) = variable switch
        {
            ILocalSymbol local => (local.RefKind, local.Type),
            IParameterSymbol parameter => (parameter.RefKind, parameter.Type),
            _ => (RefKind.Ref, null),
        };
        return refKind == RefKind.None
            && (type is IArrayTypeSymbol { IsSZArray: true }
                || type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", ContainingNamespace.Name: "System" });
    }

    private static ISymbol? ReferencedVariable(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation switch
        {
            ILocalReferenceOperation l => l.Local,
            // primctor: a captured primary-constructor parameter is a field of `this`, whose checks a field's loop keeps too.
            IParameterReferenceOperation p when !PrimaryConstructorParameters.IsCapturedRead(p) => p.Parameter,
            _ => null,
        };
    }

    /// <summary>
    /// The first return, throw or break that leaves <paramref name="loop"/> (source order), or null. A throw
    /// the analysis skips is none: a call that returns never leaves the loop there (MethodAnalyzer.ExceptionalPaths.cs).
    /// </summary>
    private IOperation? FindEarlyExit(ILoopOperation loop)
    {
        foreach (IOperation operation in loop.Body.DescendantsAndSelf())
        {
            bool exits = operation switch
            {
                IReturnOperation { Kind: OperationKind.Return } => true,
                IThrowOperation thrown => !IsSkippedThrow(thrown),
                IBranchOperation { BranchKind: BranchKind.Break } b => SymbolEqualityComparer.Default.Equals(b.Target, loop.ExitLabel),
                IBranchOperation { BranchKind: BranchKind.GoTo } => true,
                _ => false,
            };
            if (exits && !InsideFunction(operation, loop))
            {
                return operation;
            }
        }

        return null;
    }

    private static bool InsideFunction(IOperation operation, IOperation boundary)
    {
        for (IOperation? parent = operation.Parent; parent is not null && parent != boundary; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A PCV name that says what the early exit finds: <c>mismatchIndex</c> when the loop stops at
    /// the first difference, <c>matchIndex</c> at the first match, else <c>iterationsBeforeExit</c>.
    /// </summary>
    private static string ExitPcvName(ILoopOperation loop, IOperation? exit, IOperation? dataCondition, LoopShape? shape)
    {
        if (exit is IReturnOperation { ReturnedValue: { } returned } && shape?.Variable is { } induction
            && SymbolEqualityComparer.Default.Equals(ReferencedVariable(returned), induction))
        {
            return "matchIndex";
        }

        // A condition that keeps the loop going while elements are equal stops at a mismatch…
        if (dataCondition is IBinaryOperation continueWhile)
        {
            if (continueWhile.OperatorKind == BinaryOperatorKind.Equals)
            {
                return "mismatchIndex";
            }

            if (continueWhile.OperatorKind == BinaryOperatorKind.NotEquals)
            {
                return "matchIndex";
            }
        }

        // …and an `if` that leaves on a difference stops at a mismatch too.
        for (IOperation? parent = exit?.Parent; parent is not null && parent != loop; parent = parent.Parent)
        {
            if (parent is IConditionalOperation { Condition: IBinaryOperation test })
            {
                if (test.OperatorKind == BinaryOperatorKind.NotEquals)
                {
                    return "mismatchIndex";
                }

                if (test.OperatorKind == BinaryOperatorKind.Equals)
                {
                    return "matchIndex";
                }

                break;
            }
        }

        return PcvNames.IterationsBeforeExit;
    }

    /// <summary>Locals and parameters assigned anywhere inside <paramref name="scope"/>.</summary>
    private static HashSet<ISymbol> WrittenIn(IOperation scope)
    {
        var written = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (IOperation operation in scope.DescendantsAndSelf())
        {
            IOperation? target = AssignedTarget(operation);
            if (operation is IVariableDeclaratorOperation declarator)
            {
                written.Add(declarator.Symbol);
            }

            if (target is ITupleOperation tuple)
            {
                foreach (IOperation element in tuple.Elements)
                {
                    AddVariable(written, element is IDeclarationExpressionOperation d ? d.Expression : element);
                }
            }
            else if (target is not null)
            {
                AddVariable(written, target is IDeclarationExpressionOperation d ? d.Expression : target);
            }
        }

        return written;
    }

    private static void AddVariable(HashSet<ISymbol> set, IOperation target)
    {
        if (ReferencedVariable(target) is { } symbol)
        {
            set.Add(symbol);
        }
    }
}
