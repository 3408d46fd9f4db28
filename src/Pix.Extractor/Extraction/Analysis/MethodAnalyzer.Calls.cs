using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Costs;
using Pix.Extraction.Inputs;
using Pix.Extraction.Symbolic;
using Pix.Library;
using Pix.Model;
using Pix.Targets;

namespace Pix.Extraction.Analysis;

internal sealed partial class MethodAnalyzer
{
    /// <summary>A call being lowered: the target and how to reach its receiver and arguments.</summary>
    private sealed class CallSite
    {
        public CallSite(
            IMethodSymbol method,
            IOperation? instance,
            ImmutableArray<IArgumentOperation> arguments,
            IOperation[] operands,
            SyntaxNode syntax,
            DependencyFlow? receiverFlow,
            IReadOnlyDictionary<int, DependencyFlow> parameterFlows)
        {
            Method = method;
            Instance = instance;
            Arguments = arguments;
            Operands = operands;
            Syntax = syntax;
            ReceiverFlow = receiverFlow;
            ParameterFlows = parameterFlows;
        }

        /// <summary>The receiver's flow (null for a static call).</summary>
        public DependencyFlow? ReceiverFlow { get; }

        /// <summary>Each argument's flow, by the ordinal of the parameter it binds to.</summary>
        public IReadOnlyDictionary<int, DependencyFlow> ParameterFlows { get; }

        public IMethodSymbol Method { get; }

        public IOperation? Instance { get; }

        public ImmutableArray<IArgumentOperation> Arguments { get; }

        /// <summary>Operands of an operator or conversion method (in parameter order).</summary>
        public IOperation[] Operands { get; }

        /// <summary>Where the call is written (for a compiler-declared constructor's base call, its class's base list).</summary>
        public SyntaxNode Syntax { get; }

        /// <summary>The value passed for parameter <paramref name="ordinal"/>.</summary>
        public IOperation? Argument(int ordinal) =>
            Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == ordinal)?.Value
            ?? (ordinal < Operands.Length ? Operands[ordinal] : null);

        /// <summary>The receiver; for an extension method, its first argument.</summary>
        public IOperation? Receiver => Method.IsExtensionMethod ? Argument(0) : Instance;
    }

    private DependencyFlow Invocation(IInvocationOperation invocation)
    {
        if (LoopHints.IsHint(invocation.TargetMethod))
        {
            // Hints are compiled away; they only steer the analysis, from where they are read.
            if (HintPlacement.Misplaced(invocation) is { } misplaced)
            {
                AddGap(GapKind.MisplacedHint, "PixHint." + invocation.TargetMethod.Name, misplaced, invocation);
            }
            else if (invocation.TargetMethod.Name == ColdLoadsHintName)
            {
                ReadColdLoadsHint(invocation);
            }

            return DependencyFlow.None;
        }

        return Call(invocation.TargetMethod, invocation.Instance, invocation.Arguments, invocation, invocation.IsVirtual);
    }

    private DependencyFlow Call(
        IMethodSymbol method,
        IOperation? instance,
        ImmutableArray<IArgumentOperation> arguments,
        IOperation site,
        bool isVirtual,
        params IOperation[] operands) =>
        Call(method, instance, arguments, site.Syntax, isVirtual, operands);

    private DependencyFlow Call(
        IMethodSymbol method,
        IOperation? instance,
        ImmutableArray<IArgumentOperation> arguments,
        SyntaxNode site,
        bool isVirtual,
        params IOperation[] operands)
    {
        var flows = new List<DependencyFlow>();
        DependencyFlow? receiverFlow = null;
        var parameterFlows = new Dictionary<int, DependencyFlow>();
        if (instance is not null && !method.IsStatic)
        {
            receiverFlow = Evaluate(instance);
            flows.Add(receiverFlow);
        }

        foreach (IArgumentOperation argument in arguments)
        {
            DependencyFlow flow = EvaluateArgument(argument);
            flows.Add(flow);
            if (argument.Parameter is { } parameter)
            {
                parameterFlows[parameter.Ordinal] = flow;
            }
        }

        for (int i = 0; i < operands.Length; i++)
        {
            DependencyFlow flow = Evaluate(operands[i]);
            flows.Add(flow);
            parameterFlows[i] = flow;
        }

        DependencyFlow inputs = DependencyFlow.Combine(flows);
        var call = new CallSite(method, instance, arguments, operands, site, receiverFlow, parameterFlows);
        DependencyFlow result;
        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            Emit(OperationClass.DelegateCall);
            OpaqueDelegate(method.ContainingType, site);
            result = inputs;
        }
        else if (LibraryModels.Of(method) is { } model)
        {
            result = ApplyLibrary(model, call, inputs);
        }
        else if (HasSourceBody(method))
        {
            result = SourceCall(call, inputs, isVirtual);
        }
        else
        {
            result = OpaqueCall(call, inputs, isVirtual, GapKind.OpaqueCall,
                "Pix has no model of this API; it is priced as an opaque term named after it (HardwareProfile opaque costs). Add a model to the library or calibrate it.");
        }

        // ref/out arguments come back changed, written by the callee from what it computed: like its return
        // value, they depend on the call (the parsers' `out PacketHeaders`: inlined, their fields are the
        // `movbe` loads from the packet that the caller's chain starts from).
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out)
            {
                ForgetTarget(argument.Value is IDeclarationExpressionOperation d ? d.Expression : argument.Value, result);
            }
        }

        return result;
    }

    /// <summary>A call of a delegate of type <paramref name="type"/>, in source or inside a modelled API: its target is opaque.</summary>
    private void OpaqueDelegate(ITypeSymbol type, SyntaxNode site)
    {
        _paths.AddOpaque("delegate " + type.Name);
        AddGap(GapKind.OpaqueCall, "delegate call", "The delegate's target is not known statically; the call is priced as an opaque term.", site);
    }

    private DependencyFlow OpaqueCall(CallSite call, DependencyFlow inputs, bool isVirtual, GapKind kind, string reason)
    {
        string name = DisplayNames.Of(call.Method);
        OperationVector ops = OperationVector.Of((CallKind(call.Method, isVirtual, call.Instance), 1));
        Emit(ops);
        _paths.AddOpaque(name);
        AddGap(kind, "call to " + name, reason, call.Syntax);
        return inputs.Then(ops);
    }

    private bool HasSourceBody(IMethodSymbol method) =>
        MethodBodies.HasSourceCode(method, _session.Compilation)
        // A record's compiler-declared members (Equals, ToString, …) are read from the record's declaration.
        || (method.IsImplicitlyDeclared && !method.IsAbstract && !method.IsExtern && method.ContainingType is { IsRecord: true } record
            && record.DeclaringSyntaxReferences.Any(r => _session.Compilation.ContainsSyntaxTree(r.SyntaxTree)));

    /// <summary>The flow of an inlined call's result: each argument's flow through the callee's path from its parameter.</summary>
    private static DependencyFlow InlinedResult(CallSite call, ReturnPaths paths)
    {
        var flows = new List<DependencyFlow>();
        if (call.ReceiverFlow is { } receiver && paths.FromReceiver is { } fromReceiver)
        {
            flows.Add(receiver.Then(fromReceiver));
        }

        foreach (KeyValuePair<int, DependencyFlow> argument in call.ParameterFlows)
        {
            if (paths.FromParameter(argument.Key) is { } fromParameter)
            {
                flows.Add(argument.Value.Then(fromParameter));
            }
        }

        return DependencyFlow.Combine(flows);
    }

    private static OperationClass CallKind(IMethodSymbol method, bool isVirtual, IOperation? instance)
    {
        bool sealedReceiver = instance?.Type is { IsValueType: true } or { IsSealed: true };
        if (method.ContainingType?.TypeKind == TypeKind.Interface && !sealedReceiver)
        {
            return OperationClass.InterfaceCall;
        }

        if (isVirtual && (method.IsVirtual || method.IsAbstract || method.IsOverride) && !method.IsSealed && !sealedReceiver)
        {
            return OperationClass.VirtualCall;
        }

        return OperationClass.Call;
    }

    /// <summary>
    /// A call to a method of the compilation: its summary (memoised), with its quantities re-expressed
    /// through the arguments and its PCVs renamed into this method's.
    /// </summary>
    private DependencyFlow SourceCall(CallSite call, DependencyFlow inputs, bool isVirtual)
    {
        IMethodSymbol method = call.Method;
        OperationVector callOps = OperationVector.Of((CallKind(method, isVirtual, call.Instance), 1));
        if (_session.IsOnStack(method))
        {
            // Recursion: this invocation's own cost is counted once per invocation (see MultiplyByRecursionDepth).
            _session.MarkRecursive(method.OriginalDefinition);
            Emit(callOps);
            return inputs.Then(callOps);
        }

        if (_session.BeyondMaxCallDepth() && !MethodSupport.HasPerformanceInterfaceAttribute(method))
        {
            return OpaqueCall(call, inputs, isVirtual, GapKind.BudgetExceeded,
                $"Calls deeper than {Options.MaxCallDepth} levels are not followed; raise ExtractionOptions.MaxCallDepth or mark the callee [PerformanceInterface].");
        }

        if (Options.BottomUpSummaries && _session.ReachesTooMany(method.OriginalDefinition))
        {
            // Followed to any depth, a callee would bring in every summary under it, and the first caller would pay
            // for all of them: how many methods it reaches (the compilation's, not the order's) decides.
            return OpaqueCall(call, inputs, isVirtual, GapKind.BudgetExceeded,
                $"This callee reaches more than {Options.MaxCalleeReach} methods of the compilation through its calls; it is priced as an opaque term. Raise ExtractionOptions.MaxCalleeReach, or split the callee.");
        }

        AllocationSites.ForMeasurement?.Enter(AllocationSite.CalleeSummary);
        MethodSummary summary = _session.Summarise(method);
        AllocationSites.ForMeasurement?.Leave();
        if (Options.BottomUpSummaries && TermCount(summary) > Options.MaxCalleeTerms)
        {
            // Followed to any depth, a tree that calls the same helpers from many places multiplies their terms:
            // the size of the callee's summary, not the depth it is met at, decides (the same for every caller).
            return OpaqueCall(call, inputs, isVirtual, GapKind.BudgetExceeded,
                $"The summary of this callee has more than {Options.MaxCalleeTerms} terms; it is priced as an opaque term. Raise ExtractionOptions.MaxCalleeTerms, or split the callee.");
        }

        // A record struct's `==` whose Equals(T) the JIT keeps as a call at this site (JitInlining): its compares are
        // the callee's, reached through the call, and the caller loads the key into the argument registers.
        bool keptEquality = JitInlining.KeepsRecordEqualityCall(method, call.Syntax);
        if (summary.IsInlineCandidate && !keptEquality)
        {
            // Small leaf: the JIT inlines it, so its operations join this block and its chain. Its
            // result depends on the arguments through its return path; its longest path, which may
            // start from memory it reads, counts for this block's straight-line chain.
            OperationVector body = summary.Alternatives[0].Cost.Operations;
            Emit(body);
            if (summary.Alternatives[0].Cost.Slack is not null)
            {
                // A branch on data in the inlined leaf (a `?:`): its slack, over the caller's inputs.
                var leaf = new CalleeSubstitution(this, summary, call);
                _paths.AddSlack(summary.Alternatives[0].Cost.Slack.Select(leaf.SlackTerm).ToList());
            }

            _region.Observe(DependencyFlow.None.Then(summary.StraightChain));
            return InlinedResult(call, summary.ReturnPaths);
        }

        if (keptEquality)
        {
            callOps = OperationVector.Of((OperationClass.Call, 1), (OperationClass.Load, JitInlining.ArgumentCopyLoads(method.ContainingType)));
        }
        else if (JitInlining.InlinesCall(method, CallKind(method, isVirtual, call.Instance)))
        {
            // Inlined, though not a small leaf: its code joins this method's, but its call, return and argument
            // moves are gone (JitInlining says which calls the JIT keeps).
            callOps = new OperationVector();
        }

        Emit(callOps);
        AllocationSites.ForMeasurement?.Enter(AllocationSite.CalleeSubstitution);
        try
        {
            return Substitute(call, summary, callOps, inputs);
        }
        finally
        {
            AllocationSites.ForMeasurement?.Leave();
        }
    }

    /// <summary>A callee's paths, substituted at the call site, follow this method's live paths.</summary>
    private DependencyFlow Substitute(CallSite call, MethodSummary summary, OperationVector callOps, DependencyFlow inputs)
    {
        IMethodSymbol method = call.Method;
        var substitution = new CalleeSubstitution(this, summary, call);
        var alternatives = new List<PathAlternative>();
        bool guardsResolved = true;

        // A [PerformanceInterface] callee keeps its straight-line code as a term of its own (the
        // caller's cost is then the sum of the interfaces it calls); a plain helper's straight-line
        // code joins the caller's block, which keeps interfaces short.
        bool ownTerm = MethodSupport.HasPerformanceInterfaceAttribute(method);
        Provenance? where = null; // the own term's provenance, made when there is one
        // Inside a loop, a guard on the callee's 0/1 arm PCV would say every iteration takes the arm or none:
        // the PCV counts the arm's runs instead (TryCountCalleeArmRuns), or the guard is dropped and reported.
        bool inLoopArmPcvs = InLoop && ReadsArmPcv(summary);
        foreach (PathAlternative alternative in summary.Alternatives)
        {
            Guard? guard = inLoopArmPcvs ? null : substitution.SubstituteGuard(alternative.Guard);
            guardsResolved &= guard is not null;
            var cost = new CostAccumulator();
            if (!ownTerm)
            {
                cost.Operations.Add(alternative.Cost.Operations);
                cost.AddOpaqueOf(alternative.Cost);

                cost.ObserveLongest(alternative.Cost.LongestPath);
            }
            else if (!alternative.Cost.Operations.IsEmpty || alternative.Cost.Opaque.Count > 0)
            {
                where ??= SourceLocations.Of(call.Syntax, "call to " + DisplayNames.Short(method));
                cost.Terms.Add(new PendingTerm(
                    PendingTerm.CreateBlock(alternative.Cost.Operations, alternative.Cost.LongestPath, alternative.Cost.Opaque),
                    Poly.One,
                    where,
                    "call to " + DisplayNames.Short(method)));
            }

            foreach (PendingTerm term in alternative.Cost.Terms)
            {
                cost.Terms.Add(substitution.Term(term));
            }

            AllocationSites.ForMeasurement?.Enter(AllocationSite.SubstitutionSlack);
            cost.AddSlackOf(alternative.Cost, substitution.SlackTerm);
            AllocationSites.ForMeasurement?.Leave();

            alternatives.Add(new PathAlternative(guard ?? Guard.Always, cost));
        }

        if (inLoopArmPcvs && TryCountCalleeArmRuns(summary, substitution, alternatives))
        {
            // The arm's and the other paths' costs are terms counting whole calls; nothing is added per iteration.
            LimitPieces(call.Syntax);
            return inputs.Then(callOps);
        }

        if (inLoopArmPcvs)
        {
            AddGap(
                GapKind.MisplacedHint,
                "PixHint.Pcv",
                $"{method.Name} is called inside a loop here; its hinted branch arm ({PcvsRead(summary.Alternatives, summary.Quantities)}) is 0 or 1 per call of {method.Name}, " +
                "and its paths also fork on other inputs (or on more than one hint, or the loops' trip counts depend on each other), so the arm's runs over the " +
                "iterations cannot be counted; the hint was ignored at this call and the costlier arm kept. Hint a branch in the loop itself, or call outside the loop.",
                call.Syntax);
            alternatives = CostliestPerExpressibleGuard(summary, substitution, alternatives, dropArmPcvs: true);
        }
        else if (!guardsResolved && alternatives.Count > 1)
        {
            // The callee's guards are not expressible here (data-dependent arguments): keep its costliest path,
            // or, when its guards read arm PCVs, the costliest path per value of what is expressible.
            alternatives = ReadsArmPcv(summary)
                ? CostliestPerExpressibleGuard(summary, substitution, alternatives, dropArmPcvs: false)
                : new List<PathAlternative> { new(Guard.Always, PathSet.Costliest(alternatives, ComparisonSample).Cost) };
        }

        AllocationSites.ForMeasurement?.Enter(AllocationSite.SubstitutionPaths);
        _paths.Then(alternatives);
        AllocationSites.ForMeasurement?.Leave();
        LimitPieces(call.Syntax);

        // A plain helper's straight-line code joined this block, so its result is on this block's paths as an
        // inlined leaf's is: each argument's flow through the helper's path from its parameter to what it returns
        // (a hash with a branch on its input, then `%` by it, is one path). A [PerformanceInterface] callee's chain is
        // priced in its own term; the caller's paths start again from its result.
        DependencyFlow returned = ownTerm ? inputs : DependencyFlow.Combine(inputs, InlinedResult(call, summary.ReturnPaths));
        return returned.Then(callOps);
    }

    private static int TermCount(MethodSummary summary) => summary.Alternatives.Sum(a => a.Cost.Terms.Count);


    /// <summary>A library model: fixed operations, then each sized cost as a term over the call's sizes.</summary>
    private DependencyFlow ApplyLibrary(LibraryModel model, CallSite call, DependencyFlow inputs)
    {
        OperationVector fixedOps = OperationVector.Of(model.Fixed.ToArray());
        if (model.DivisorArgument is int d && call.Argument(d) is { } divisor)
        {
            // Inlined, the API's `/` is the caller's: by a constant it is no hardware divide.
            fixedOps.Add(CostLowering.IntegerDivision(remainder: false, CostLowering.IsUnsigned(divisor.Type), divisor));
        }

        Emit(fixedOps);
        if (model.OpaqueName is { } opaque)
        {
            _paths.AddOpaque(opaque);
        }

        // The call's name and place are written only into what a hashed key or a sized cost adds (terms, PCVs):
        // most library calls have neither, and the place (a line span) and the name were made at every call.
        bool placed = model.HashesKey || model.Sized.Count > 0;
        string api = placed ? DisplayNames.Short(call.Method) : string.Empty;
        Provenance? where = placed ? SourceLocations.Of(call.Syntax, "call to " + api) : null;
        if (model.HashesKey)
        {
            KeyHashing(call, where!);
        }

        if (model.DelegateArgument is int invoked)
        {
            // The API calls the delegate (its DelegateCall is in the model's counts): what it runs is not known here.
            OpaqueDelegate(call.Method.Parameters[invoked].Type, call.Syntax);
        }

        if (model.Sized.Count > 0)
        {
            AddSizedCosts(model, call, api, where!);
        }

        return inputs.Then(fixedOps);
    }

    /// <summary>Each sized cost of <paramref name="model"/> as a term over the call's sizes (or a PCV when a size is not known).</summary>
    private void AddSizedCosts(LibraryModel model, CallSite call, string api, Provenance where)
    {
        int line = where.Line;
        double elementBytes = ElementBytes(call);
        foreach (SizedCost sized in model.Sized)
        {
            Poly? size = SizeOf(sized, call);
            if (size is not null && sized.UpTo is { } cap)
            {
                // min(size, cap) = size − max(0, size − cap): both terms stay non-negative polynomials of the inputs.
                size = size.Minus(FunctionAtom.Apply(AtomFunction.NonNegative, size.Minus(Poly.Const(cap))));
            }

            Poly? units = size is null ? null : sized.Scaling switch
            {
                Scaling.Logarithmic => FunctionAtom.Apply(AtomFunction.Log2, size),
                Scaling.Linearithmic => size.Times(FunctionAtom.Apply(AtomFunction.Log2, size)),
                _ => size,
            };
            if (sized.Pcv is { } pcvName)
            {
                Poly? bound = units is null ? null : Summation.WithoutLoopVariables(units);
                QuantityInfo pcv = _quantities.Pcv(pcvName, $"{sized.PcvDescription} in {api} (line {line})", sized.Source == SizeSource.Once ? null : bound, where);
                units = Poly.Of(pcv.Atom);
            }
            else if (units is null)
            {
                QuantityInfo pcv = _quantities.Pcv(PcvNames.CallSize(call.Method, call.Receiver), $"size {api} works on at line {line}", bound: null, where);
                AddGap(GapKind.OpaqueCall, "call to " + api, $"The size {api} works on is not an expression over the inputs; it is the PCV '{pcv.Name}'.", call.Syntax);
                units = Poly.Of(pcv.Atom);
            }

            var perUnit = OperationVector.Of(sized.PerUnit.ToArray());
            if (sized.TimesElementBytes)
            {
                perUnit = new OperationVector().Add(perUnit, elementBytes);
            }

            if (sized.Description is { } own)
            {
                // A part the interface names (a lock's: "contention is not modelled"), a term even once per call.
                _paths.AddTerm(new PendingTerm(PendingTerm.CreateBlock(perUnit, null, null), units, where, api + " " + own));
            }
            else
            {
                AddSizedOperations(perUnit, units, where, DescribeSized(api, sized, size));
            }
        }
    }

    private static string DescribeSized(string api, SizedCost sized, Poly? size)
    {
        string over = size?.ToExpr().ToString() ?? "unknown size";
        return sized.Pcv is not null ? $"{api} up to {sized.Pcv}"
            : sized.Scaling == Scaling.Linearithmic ? $"{api} over {over} (n log n)"
            : sized.Scaling == Scaling.Logarithmic ? $"{api} over {over} (log n)"
            : sized.Source == SizeSource.Once ? api
            : $"{api} over {over}";
    }

    private Poly? SizeOf(SizedCost sized, CallSite call) => sized.Source switch
    {
        SizeSource.Once => Poly.One,
        SizeSource.ReceiverSize => _inputs.LengthOf(call.Receiver),
        SizeSource.ArgumentSize => call.Argument(sized.Argument) is { } argument && !HasSize(argument) ? Poly.One : _inputs.LengthOf(call.Argument(sized.Argument)),
        SizeSource.ArgumentValue => _inputs.Number(call.Argument(sized.Argument)) is { } v ? FunctionAtom.Apply(AtomFunction.NonNegative, v) : null,
        SizeSource.ArgumentCount => Poly.Const(call.Arguments.Length + call.Operands.Length),
        _ => TotalStringLength(call),
    };

    /// <summary>True for strings, arrays, spans and collections; a char or a number is one unit.</summary>
    private static bool HasSize(IOperation argument)
    {
        while (argument is IConversionOperation { IsImplicit: true } conversion)
        {
            argument = conversion.Operand;
        }

        return argument.Type is not { IsValueType: true } || InputResolver.IsSpanLike(argument.Type);
    }

    private Poly? TotalStringLength(CallSite call)
    {
        Poly total = Poly.Zero;
        foreach (IOperation value in call.Arguments.Select(a => a.Value).Concat(call.Operands))
        {
            if (value.Type?.SpecialType != SpecialType.System_String)
            {
                continue;
            }

            if (value.ConstantValue is { HasValue: true, Value: string constant })
            {
                total = total.Plus(Poly.Const(constant.Length));
            }
            else if (_inputs.LengthOf(value) is { } length)
            {
                total = total.Plus(length);
            }
            else
            {
                return null;
            }
        }

        return total;
    }

    /// <summary>Hashing and comparing the key of a hash-table call: per character for strings, a few operations otherwise.</summary>
    private void KeyHashing(CallSite call, Provenance where)
    {
        ITypeSymbol? key = call.Method.ContainingType?.TypeArguments.FirstOrDefault();
        if (key?.SpecialType == SpecialType.System_String)
        {
            // Non-randomised Marvin hashing, then an ordinal compare with the stored key.
            Poly? length = _inputs.LengthOf(call.Argument(0));
            if (length is null)
            {
                QuantityInfo pcv = _quantities.Pcv("keyLength", "length of the string key hashed at line " + where.Line, null, where);
                length = Poly.Of(pcv.Atom);
            }

            AddSizedOperations(OperationVector.Of((OperationClass.HashedByte, 2), (OperationClass.ComparedByte, 2)), length, where, "hash and compare the string key");
        }
        else if (key is { IsValueType: true } && (key.SpecialType != SpecialType.None || key.TypeKind == TypeKind.Enum))
        {
            Emit(OperationVector.Of((OperationClass.IntegerAlu, 2)));
        }
        else
        {
            // EqualityComparer<T>.Default: GetHashCode and Equals through the type's overrides.
            Emit(OperationVector.Of((OperationClass.VirtualCall, 2)));
        }
    }

    /// <summary>Bytes per element for bulk primitives: the T of Span&lt;T&gt;, List&lt;T&gt;, an array's element type, char for strings.</summary>
    private static double ElementBytes(CallSite call)
    {
        if (call.Method.TypeArguments.FirstOrDefault() is { } methodT)
        {
            return CostLowering.ValueSize(methodT);
        }

        if (call.Method.ContainingType is { TypeArguments.Length: > 0 } generic)
        {
            return CostLowering.ValueSize(generic.TypeArguments[0]);
        }

        IOperation? receiver = call.Receiver ?? call.Argument(0);
        while (receiver is IConversionOperation { IsImplicit: true } conversion)
        {
            receiver = conversion.Operand;
        }

        ITypeSymbol? operand = receiver?.Type;
        return operand switch
        {
            IArrayTypeSymbol array => CostLowering.ValueSize(array.ElementType),
            INamedTypeSymbol { TypeArguments.Length: > 0 } named => CostLowering.ValueSize(named.TypeArguments[0]),
            { SpecialType: SpecialType.System_String } => 2,
            _ => 1,
        };
    }
}
