using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Costs;
using Pix.Extraction.Inputs;
using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.Extraction.Analysis;

internal sealed partial class MethodAnalyzer
{
    /// <summary>
    /// Re-expresses a callee's quantities at one call site: an input's access path is re-rooted at
    /// the argument (or receiver) it starts from; a PCV becomes a fresh PCV of the caller under the
    /// name the callee asked for (renamed only if it clashes in the caller; bound substituted). An argument the caller cannot express becomes a PCV too.
    /// </summary>
    private sealed class CalleeSubstitution
    {
        private readonly MethodAnalyzer _caller;
        private readonly MethodSummary _callee;
        private readonly CallSite _call;
        private readonly Dictionary<string, Poly> _mapped = new(System.StringComparer.Ordinal);
        private readonly Dictionary<(AccessRootKind Kind, int Ordinal, string Text), SymbolicValue?> _roots = new();

        // A callee's alternatives share what they did before they forked: the same term and guard objects
        // (a path's cost is cloned with its term list, a fork conjoins onto the path's guard). Each is
        // substituted once per call site, by identity, instead of once per alternative that holds it.
        private readonly Dictionary<PendingTerm, PendingTerm> _terms = new(SameInstance<PendingTerm>.Comparer);
        private readonly Dictionary<Guard, Guard?> _guards = new(SameInstance<Guard>.Comparer);
        private readonly Dictionary<string, Expr?> _guardOperands = new(System.StringComparer.Ordinal);

        // One delegate per call site, made on first need: not one per count, and none where every count maps to itself.
        private System.Func<Atom, Poly?>? _map;

        public CalleeSubstitution(MethodAnalyzer caller, MethodSummary callee, CallSite call)
        {
            _caller = caller;
            _callee = callee;
            _call = call;
        }

        /// <summary>
        /// The callee's count over the caller's quantities. When every quantity it reads is the caller's quantity of the
        /// same name (a helper called on the caller's own fields or same-named arguments, a PCV that kept its name), the
        /// count is the callee's own polynomial: re-expanding it would only rebuild it term for term (the largest share of
        /// a substitution's bytes, docs/robustness.md, the twenty-fourth session's <c>subst24</c> section).
        /// </summary>
        public Poly Count(Poly count) => MapsToItself(count) ? count : count.Substitute(_map ??= Map);

        /// <summary>
        /// True when substituting <paramref name="count"/> would give it back: every quantity atom in it (also inside
        /// function atoms) maps to an atom of the same name and sign. Maps each quantity in the order
        /// <see cref="Poly.Substitute"/> would, so the caller's quantities are registered as they were.
        /// </summary>
        private bool MapsToItself(Poly count)
        {
            // Indexed, not foreach: enumerating the terms through their interface would allocate an enumerator per count.
            bool same = true;
            IReadOnlyList<(Monomial Monomial, double Coefficient)> terms = count.Terms;
            for (int i = 0; i < terms.Count; i++)
            {
                foreach ((Atom atom, _) in terms[i].Monomial.Factors)
                {
                    same &= atom switch
                    {
                        QuantityAtom q => IsSameAtom(MapName(q.Name), q),
                        FunctionAtom f => MapsToItself(f.Argument),
                        _ => true, // a loop variable: Map keeps it
                    };
                }
            }

            return same;
        }

        /// <summary>True when <paramref name="mapped"/> is exactly <paramref name="atom"/>: 1 · one atom of the same key and sign.</summary>
        private static bool IsSameAtom(Poly mapped, QuantityAtom atom) =>
            mapped.Terms is [(Monomial { Factors: [(QuantityAtom q, 1)] }, 1.0)]
            && q.Name == atom.Name
            && q.IsNonNegative == atom.IsNonNegative;

        /// <summary>The callee's term at the call site: its count over the caller's quantities, named as the callee's.</summary>
        public PendingTerm Term(PendingTerm term)
        {
            if (!_terms.TryGetValue(term, out PendingTerm? substituted))
            {
                AllocationSites.ForMeasurement?.Enter(AllocationSite.SubstitutionCounts);
                Poly count = Count(term.Count);
                AllocationSites.ForMeasurement?.Leave();
                AllocationSites.ForMeasurement?.Enter(AllocationSite.SubstitutionDescriptions);
                string description = $"{term.Description} in {_call.Method.Name}";
                AllocationSites.ForMeasurement?.Leave();
                substituted = new PendingTerm(term.Block, count, term.Origin, description);
                _terms[term] = substituted;
            }

            return substituted;
        }

        /// <summary>
        /// A slack term of the callee (<see cref="CostAccumulator.Slack"/>) at the call site, substituted as
        /// <see cref="Term"/> does, but only through quantities the call's terms and guards already mapped: mapping
        /// another would name a PCV (or report an argument) the interface does not otherwise have, and a slack must
        /// change nothing but the gaps. A term that reads another is unbounded (its branch stays a gap).
        /// </summary>
        public PendingTerm SlackTerm(PendingTerm term) =>
            _terms.TryGetValue(term, out PendingTerm? substituted) ? substituted
            : term.Count.ContainsAtom(atom => atom is QuantityAtom q && !_mapped.ContainsKey(q.Name)) ? BranchSlack.Unbounded(term.Origin)
            : Term(term);

        /// <summary>The callee's guard at the call site, or null when it reads something the caller cannot express.</summary>
        public Guard? SubstituteGuard(Guard guard)
        {
            if (!_guards.TryGetValue(guard, out Guard? substituted))
            {
                AllocationSites.ForMeasurement?.Enter(AllocationSite.SubstitutionGuards);
                substituted = SubstituteGuardCore(guard);
                AllocationSites.ForMeasurement?.Leave();
                _guards[guard] = substituted;
            }

            return substituted;
        }

        private Guard? SubstituteGuardCore(Guard guard)
        {
            switch (guard)
            {
                case TrueGuard:
                    return guard;
                // A guard whose parts all came back as themselves is given back too (the factories would rebuild an equal
                // record: they only drop `true` and double negation, which the conditions rule out).
                case NotGuard not:
                    return SubstituteGuard(not.Operand) is not { } operand ? null
                        : ReferenceEquals(operand, not.Operand) && operand is not NotGuard ? guard
                        : Model.Guard.Not(operand);
                case AndGuard and:
                    return SubstituteGuard(and.Left) is not { } l || SubstituteGuard(and.Right) is not { } r ? null
                        : IsSamePair(l, r, and.Left, and.Right) ? guard
                        : Model.Guard.And(l, r);
                case OrGuard or:
                    return SubstituteGuard(or.Left) is not { } l2 || SubstituteGuard(or.Right) is not { } r2 ? null
                        : IsSamePair(l2, r2, or.Left, or.Right) ? guard
                        : Model.Guard.Or(l2, r2);
                case CompareGuard { Left: SymbolExpr flag, Right: ConstExpr constant } compare when IsBooleanFlag(flag.Name):
                {
                    // A bool parameter: the argument is a predicate of the caller (or a constant).
                    Guard? predicate = FlagPredicate(flag.Name);
                    if (predicate is null)
                    {
                        return null;
                    }

                    bool whenTrue = (compare.Op == Comparison.Equal && constant.Value == 1) || (compare.Op == Comparison.NotEqual && constant.Value == 0);
                    return whenTrue ? predicate : Model.Guard.Not(predicate);
                }

                case CompareGuard compare when IsLeafMappedToItself(compare.Left) && IsLeafMappedToItself(compare.Right):
                    return guard;
                case CompareGuard compare:
                    Expr? left = Expression(compare.Left);
                    Expr? right = Expression(compare.Right);
                    return left is null || right is null ? null : Model.Guard.Compare(left, compare.Op, right);
                default:
                    return null;
            }
        }

        /// <summary>Both parts of a conjunction or disjunction came back as themselves, neither `true` (which the factories drop).</summary>
        private static bool IsSamePair(Guard left, Guard right, Guard oldLeft, Guard oldRight) =>
            ReferenceEquals(left, oldLeft) && ReferenceEquals(right, oldRight) && left is not TrueGuard && right is not TrueGuard;

        /// <summary>
        /// True when substituting <paramref name="expr"/> would give an equal leaf back: a constant, or a quantity the caller
        /// has under the same name (a helper's guard on the caller's own field or same-named argument, the commonest guard).
        /// Only leaves: a sum or product is rebuilt through <see cref="Expr.Add(System.Collections.Generic.IEnumerable{Expr})"/>
        /// and <c>Multiply</c>, whose normal form is not known to be idempotent. Resolves the operand as
        /// <see cref="Expression"/> would (memoised), so a guard that falls through to the rebuild meets the same quantities in the same order.
        /// </summary>
        private bool IsLeafMappedToItself(Expr expr) => expr switch
        {
            ConstExpr => true,
            SymbolExpr symbol => GuardOperand(symbol.Name) is SymbolExpr mapped && mapped.Name == symbol.Name,
            _ => false,
        };

        private Expr? Expression(Expr expr)
        {
            bool resolved = true;
            Expr result = expr.Substitute(name =>
            {
                Expr? operand = GuardOperand(name);
                resolved &= operand is not null;
                return operand;
            });
            return resolved ? result : null;
        }

        /// <summary>
        /// A quantity a callee's guard reads, over the caller's inputs; null when the caller cannot express it.
        /// Memoised per name: the callee's guards test the same few quantities again and again.
        /// </summary>
        private Expr? GuardOperand(string name)
        {
            if (_guardOperands.TryGetValue(name, out Expr? known))
            {
                return known;
            }

            AllocationSites.ForMeasurement?.Enter(AllocationSite.SubstitutionGuardOperands);
            Expr? operand = GuardOperandCore(name);
            AllocationSites.ForMeasurement?.Leave();
            _guardOperands[name] = operand;
            return operand;
        }

        private Expr? GuardOperandCore(string name)
        {
            QuantityInfo? quantity = _callee.Quantities.Find(name);
            if (quantity is { Kind: QuantityKind.Pcv })
            {
                // A PCV a guard reads (PixHint.Pcv on a branch arm) is the caller's PCV of that name, as in counts.
                return MapName(name).ToExpr();
            }

            // Otherwise guards read inputs: an input the caller cannot express makes the guard unusable.
            Poly? mapped = quantity is null ? null : Input(quantity);
            return mapped is null || !InputResolver.IsInputOnly(mapped)
                || mapped.ContainsAtom(a => a is QuantityAtom q && _caller._quantities.Find(q.Name)?.Kind == QuantityKind.Pcv)
                ? null
                : mapped.ToExpr();
        }

        private bool IsBooleanFlag(string name) =>
            _callee.Quantities.Find(name) is { Kind: QuantityKind.Flag, Path: { } path } && path.LastKind != AccessStepKind.IsNull;

        private Guard? FlagPredicate(string name)
        {
            QuantityInfo quantity = _callee.Quantities.Find(name)!;
            return Root(quantity.Path!) is { } root && ApplySteps(root, quantity.Path!.Steps, quantity.Kind, rootIsArgument: quantity.Path!.RootKind == AccessRootKind.Parameter) is PredicateValue p ? p.Guard : null;
        }

        private Poly? Map(Atom atom) => atom is QuantityAtom q ? MapName(q.Name) : null;

        private Poly MapName(string name)
        {
            if (_mapped.TryGetValue(name, out Poly? known))
            {
                return known;
            }

            QuantityInfo? quantity = _callee.Quantities.Find(name);
            Poly result;
            if (quantity is null)
            {
                result = Poly.Of(new QuantityAtom(name, isNonNegative: false));
            }
            else if (quantity.Kind == QuantityKind.Pcv)
            {
                Poly? bound = quantity.Bound?.Substitute(Map);
                QuantityInfo pcv = _caller._quantities.Pcv(
                    quantity.RequestedName,
                    $"{quantity.Description} (in {_callee.Method.Name})",
                    bound is null ? null : Summation.WithoutLoopVariables(bound),
                    quantity.Origin);
                result = Poly.Of(pcv.Atom);
            }
            else
            {
                result = Input(quantity) ?? Unexpressible(quantity);
            }

            _mapped[name] = result;
            return result;
        }

        /// <summary>A callee input re-rooted at the call site, or null when the caller cannot express it.</summary>
        private Poly? Input(QuantityInfo quantity)
        {
            SymbolicValue? value = Root(quantity.Path!) is { } root
                ? ApplySteps(root, quantity.Path!.Steps, quantity.Kind, rootIsArgument: quantity.Path!.RootKind == AccessRootKind.Parameter)
                : null;
            return value switch
            {
                NumberValue n => n.Value,
                PredicateValue { Guard: TrueGuard } => Poly.One,
                PredicateValue { Guard: NotGuard { Operand: TrueGuard } } => Poly.Zero,
                _ => null,
            };
        }

        private Poly Unexpressible(QuantityInfo quantity)
        {
            int line = SourceLocations.Line(_call.Syntax);
            string name = Sanitize(_callee.Method.Name + "_" + quantity.Name);
            QuantityInfo pcv = _caller._quantities.Pcv(
                name,
                $"{quantity.Description} of {_callee.Method.Name} as called at line {line.ToString(CultureInfo.InvariantCulture)}",
                bound: null,
                SourceLocations.Of(_call.Syntax, "call to " + _callee.Method.Name));
            _caller.AddGap(
                GapKind.UnsupportedConstruct,
                $"argument of {_callee.Method.Name}",
                $"'{quantity.Name}' of {_callee.Method.Name} is not an expression over this method's inputs here; it became the PCV '{pcv.Name}'.",
                _call.Syntax);
            return Poly.Of(pcv.Atom);
        }

        /// <summary>
        /// The argument (or receiver) a callee's access path starts from, resolved in the caller. Memoised per root:
        /// resolving costs as much as the argument is deep, and a callee's guards and counts name the same few roots
        /// again and again (a fifth of YamlDotNet's Scanner.FetchNextToken extraction). Exact: within one call site the
        /// caller's state does not change, and resolving again would only find the inputs the first resolution registered.
        /// </summary>
        private SymbolicValue? Root(AccessPath path)
        {
            var key = (path.RootKind, path.Ordinal, path.RootText);
            if (!_roots.TryGetValue(key, out SymbolicValue? root))
            {
                root = ResolveRoot(path);
                _roots[key] = root;
            }

            return root;
        }

        private SymbolicValue? ResolveRoot(AccessPath path) => path.RootKind switch
        {
            AccessRootKind.Parameter => _call.Argument(path.Ordinal) is { } argument ? _caller._inputs.Resolve(argument) : null,
            AccessRootKind.This => _call.Instance is { } instance
                ? _caller._inputs.Resolve(instance)
                // new T(…) has no receiver: the constructor's 'this' is the new object, which no input of the
                // caller describes (mapping it to the caller's 'this' named the caller's fields, or 'this' in a static method).
                : _call.Method.MethodKind == MethodKind.Constructor || _caller._method.IsStatic ? null : new ObjectValue(AccessPath.This, null, InputResolver.SizeMemberOf(_caller._method.ContainingType)),
            AccessRootKind.Captured => CapturedInCaller(path.RootText),
            _ => NamesCalleeTypeParameter(path.RootText) ? null : new ObjectValue(AccessPath.Static(path.RootText), null),
        };

        /// <summary>
        /// A callee's captured primary-constructor parameter, as the caller sees it: the caller's own value of it when the call is
        /// on the caller's 'this' and of the caller's type (whose parameter it then is), none otherwise (another instance's, or a
        /// base type's: no companion of the caller could read it).
        /// </summary>
        private SymbolicValue? CapturedInCaller(string name)
        {
            INamedTypeSymbol? callerType = _caller._method.ContainingType;
            bool sameInstance = _call.Instance is { } instance && _caller._inputs.Resolve(instance) is ObjectValue { Path: { RootKind: AccessRootKind.This, Steps.Count: 0 } };
            return sameInstance && callerType is not null
                && SymbolEqualityComparer.Default.Equals(_call.Method.ContainingType?.OriginalDefinition, callerType.OriginalDefinition)
                && PrimaryConstructorParameters.Named(callerType, name) is { } parameter
                ? _caller.ValueOf(parameter)
                : null;
        }

        /// <summary>
        /// True when a static root (<c>EqualityComparer&lt;T&gt;.Default</c>) names a type parameter of the callee that is not
        /// in scope at the call site: the caller's companion could not compile it (Newtonsoft.Json: CS0246 'T').
        /// </summary>
        private bool NamesCalleeTypeParameter(string rootText)
        {
            IMethodSymbol callee = _call.Method;
            bool sameType = SymbolEqualityComparer.Default.Equals(callee.ContainingType?.OriginalDefinition, _caller._method.ContainingType?.OriginalDefinition);
            IEnumerable<ITypeParameterSymbol> outOfScope = callee.OriginalDefinition.TypeParameters;
            if (!sameType)
            {
                for (INamedTypeSymbol? type = callee.ContainingType?.OriginalDefinition; type is not null; type = type.ContainingType)
                {
                    outOfScope = outOfScope.Concat(type.TypeParameters);
                }
            }

            return outOfScope.Any(t => System.Text.RegularExpressions.Regex.IsMatch(rootText, @"(?<![\w.])" + System.Text.RegularExpressions.Regex.Escape(t.Name) + @"(?![\w])"));
        }

        /// <summary>Follows the callee's access steps from the caller's value of the root.</summary>
        /// <param name="root">The caller's value of the callee path's root.</param>
        /// <param name="steps">The callee path's steps.</param>
        /// <param name="kind">What the quantity stands for.</param>
        /// <param name="rootIsArgument">
        /// True when <paramref name="root"/> is the caller's argument: its size is read with the member of the
        /// argument's own type (an array passed for an IList&lt;T&gt; has Length, not the callee's Count).
        /// </param>
        private SymbolicValue? ApplySteps(SymbolicValue root, IReadOnlyList<AccessStep> steps, QuantityKind kind, bool rootIsArgument)
        {
            SymbolicValue? value = root;
            for (int i = 0; i < steps.Count && value is not null; i++)
            {
                AccessStep step = steps[i];
                bool last = i == steps.Count - 1;
                value = (step.Kind, value) switch
                {
                    (AccessStepKind.Size, ObjectValue o) => _caller._inputs.LengthOf(o, i == 0 && rootIsArgument ? null : step.Member) is { } length ? new NumberValue(length) : null,
                    // The caller passed 'this' where the callee tests for null (other.Equals(this)): never null.
                    (AccessStepKind.IsNull, ObjectValue { Path: { RootKind: AccessRootKind.This, Steps.Count: 0 } }) => new NumberValue(Poly.Zero),
                    (AccessStepKind.IsNull, ObjectValue { Path: { } p }) =>
                        new NumberValue(Poly.Of(_caller._quantities.Input(p.Append("null", AccessStepKind.IsNull), QuantityKind.Flag).Atom)),
                    (AccessStepKind.IsNull, ObjectValue { Path: null }) => new NumberValue(Poly.Zero),
                    (AccessStepKind.Member, _) when step.Symbol is { } member && !_caller._inputs.IsAccessible(member) => null,
                    (AccessStepKind.Member, ObjectValue { Path: { } p }) when last && kind == QuantityKind.Flag =>
                        new PredicateValue(Model.Guard.Compare(
                            _caller._quantities.Input(p.Append(step.Member, AccessStepKind.Member, step.Symbol), QuantityKind.Flag).Atom.ToExpr(), Comparison.Equal, Expr.One)),
                    (AccessStepKind.Member, ObjectValue { Path: { } p }) when last =>
                        new NumberValue(Poly.Of(_caller._quantities.Input(p.Append(step.Member, AccessStepKind.Member, step.Symbol), kind).Atom)),
                    (AccessStepKind.Member, ObjectValue { Path: { } p }) =>
                        new ObjectValue(p.Append(step.Member, AccessStepKind.Member, step.Symbol), null, i + 1 < steps.Count && steps[i + 1].Kind == AccessStepKind.Size ? steps[i + 1].Member : "Length"),
                    _ => null,
                };
            }

            return value;
        }

        private static string Sanitize(string name)
        {
            var chars = name.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray();
            return new string(chars);
        }
    }
}
