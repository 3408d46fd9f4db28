using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Pix.Extraction;
using Pix.Extraction.Analysis;
using Pix.Extraction.Costs;
using Pix.Model;
using Pix.Solver;

namespace Pix.ConstantTime.Balance;

/// <summary>
/// The arm costs of every two-way branch of one method, from one run of the extractor's method
/// analysis with an arm observer (so the arms are priced exactly as the generated interface prices
/// them: same cost lowering, same environment of known inputs at the branch).
/// </summary>
internal sealed class MethodArmCosts
{
    private readonly Dictionary<(SyntaxTree Tree, TextSpan Span), List<ArmCost[]>> _bySite;

    private MethodArmCosts(
        Dictionary<(SyntaxTree, TextSpan), List<ArmCost[]>> bySite,
        IReadOnlyDictionary<string, Quantity> quantities,
        string? unavailable)
    {
        _bySite = bySite;
        Quantities = quantities;
        Unavailable = unavailable;
    }

    /// <summary>The method's quantities by name (inputs and PCVs), as the model declares them.</summary>
    public IReadOnlyDictionary<string, Quantity> Quantities { get; }

    /// <summary>Why no arm costs exist for the method (the analysis failed); null normally.</summary>
    public string? Unavailable { get; }

    /// <summary>
    /// Every observation of the branch at <paramref name="site"/> (a branch in a loop body may be
    /// walked more than once), each the costs of its true and false arms; empty when never observed.
    /// </summary>
    public IReadOnlyList<ArmCost[]> At(SyntaxNode site) =>
        _bySite.TryGetValue((site.SyntaxTree, site.Span), out List<ArmCost[]>? found) ? found : Array.Empty<ArmCost[]>();

    /// <summary>Whether the arms of the two-way branch at <paramref name="site"/> cost the same.</summary>
    public ArmBalance Balance(SyntaxNode site, Lazy<SolverEngine> solver, CancellationToken cancellationToken) =>
        Unavailable is { } why
            ? ArmBalance.Unbalanced("the arms' costs are unknown: " + why)
            : ArmComparer.Compare(At(site), Quantities, solver, cancellationToken);

    /// <summary>Analyses <paramref name="method"/> with the extractor and records its branches' arms.</summary>
    public static MethodArmCosts Analyze(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
    {
        var session = new ExtractionSession(compilation, ExtractionOptions.Default, cancellationToken);
        var observed = new List<(IOperation Site, IReadOnlyList<IReadOnlyList<PathAlternative>> Arms)>();
        MethodSummary summary;
        try
        {
            var analyzer = new MethodAnalyzer(session, method.OriginalDefinition)
            {
                ArmObserver = (site, arms) => observed.Add((site, arms)),
            };
            summary = analyzer.Analyze();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The extractor failed on this method (a bug). Without arm costs nothing is exempt, and the
            // reason shows in the branch's message instead of being lost.
            return new MethodArmCosts(new(), new Dictionary<string, Quantity>(), $"the extractor failed on {method.Name}: {e.GetType().Name}: {e.Message}");
        }

        var pcvs = new HashSet<string>(summary.Quantities.All.Where(q => q.Kind == QuantityKind.Pcv).Select(q => q.Name), StringComparer.Ordinal);
        TextSpan body = BodySpan(method, cancellationToken);
        var bySite = new Dictionary<(SyntaxTree, TextSpan), List<ArmCost[]>>();
        foreach (var (site, arms) in observed)
        {
            string? inexact = session.BudgetExhausted ? "the method is larger than the analysis budget" : InexactReason(session.Gaps, site, body);
            ArmCost[] costs = arms.Select(a => ArmCost.From(a, pcvs.Contains, inexact)).ToArray();
            var key = (site.Syntax.SyntaxTree, site.Syntax.Span);
            if (!bySite.TryGetValue(key, out List<ArmCost[]>? list))
            {
                bySite[key] = list = new List<ArmCost[]>();
            }

            list.Add(costs);
        }

        var quantities = summary.Quantities.All.ToDictionary(
            q => q.Name,
            q => new Quantity(q.Name, q.Kind, q.Expression, q.Description),
            StringComparer.Ordinal);
        return new MethodArmCosts(bySite, quantities, null);
    }

    /// <summary>
    /// A gap inside the branch, or in a callee (outside the method's body), makes the arm costs
    /// approximate: a data branch whose costlier arm was kept, an unmodelled construct, a loop without
    /// a bound. Gaps elsewhere in the method do not touch the arms.
    /// </summary>
    private static string? InexactReason(IReadOnlyList<Gap> gaps, IOperation site, TextSpan body)
    {
        string path = site.Syntax.SyntaxTree.FilePath;
        TextSpan span = site.Syntax.Span;
        foreach (Gap gap in gaps)
        {
            bool sameFile = string.Equals(gap.Where.FilePath, path, StringComparison.Ordinal);
            var where = new TextSpan(gap.Where.Start, gap.Where.Length);
            if (sameFile && where == span)
            {
                continue; // the branch's own "costlier arm kept": the comparison itself decides.
            }

            if (!sameFile || span.Contains(where) || !body.Contains(where))
            {
                return "the model approximates there (" + gap.Construct + ": " + gap.Where + ")";
            }
        }

        return null;
    }

    private static TextSpan BodySpan(IMethodSymbol method, CancellationToken cancellationToken) =>
        method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken).Span ?? default;
}
