using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using Pix.Model;

namespace Pix.Solver;

/// <summary>
/// The engine used when libz3 cannot be loaded: a sound but incomplete proof step, then a
/// deterministic search.
/// </summary>
/// <remarks>
/// <para><b>Proofs</b> (answer <see cref="SolverVerdict.Impossible"/>): regression — for every pair of
/// pieces that can be active together, <c>current − (1 + tol)·baseline</c> as a polynomial has only
/// non-positive coefficients on non-negative monomials; budget — interval arithmetic bounds every
/// piece's cost below the budget over the whole domain; constant time — no guard, count or bound reads
/// a secret.</para>
/// <para><b>Search</b> (answer <see cref="SolverVerdict.Found"/>): a fixed grid of values per quantity
/// (small numbers, powers of two and their neighbours, every constant the guards compare with ±1,
/// the domain's ends), exhaustively when the grid is small, plus seeded random points; each point is
/// decided by <see cref="QuestionEvaluator"/>, and the smallest input that answers "yes" wins. The
/// seed is fixed, so answers are deterministic. When neither step concludes, the answer is
/// <see cref="SolverVerdict.Unknown"/>: no input was found, but none was ruled out.</para>
/// </remarks>
public sealed class FallbackEngine : SolverEngine
{
    private const int ExhaustiveGridLimit = 20_000;

    private static readonly double[] Probes =
    {
        0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 255, 256, 257,
        1000, 1023, 1024, 1025, 4095, 4096, 4097, 10_000, 65_536, 1 << 20, 1 << 24, QuantityDomain.InputMaximum,
    };

    private readonly SolverOptions _options;

    /// <summary>Creates the engine.</summary>
    public FallbackEngine(SolverOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <inheritdoc/>
    public override string Name => "fallback (intervals + sampling)";

    /// <inheritdoc/>
    public override bool IsComplete => false;

    /// <inheritdoc/>
    public override SolverAnswer Check(SolverQuestion question, CancellationToken cancellationToken)
    {
        if (FallbackProofs.Proves(question, out string proof))
        {
            return SolverAnswer.Without(SolverVerdict.Impossible, Name, proof);
        }

        var clock = Stopwatch.StartNew();
        List<Axis> axes = Axes(question);
        IReadOnlyDictionary<string, double>? best = null;
        double bestSize = double.PositiveInfinity;
        int tried = 0;
        foreach (Dictionary<string, double> point in Points(axes, question))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (clock.Elapsed > _options.Timeout)
            {
                break;
            }

            tried++;
            double size = QuestionEvaluator.Size(point);
            if (size < bestSize && QuestionEvaluator.Holds(question, point, out _))
            {
                best = point;
                bestSize = size;
            }
        }

        string searched = tried.ToString(CultureInfo.InvariantCulture) + " points searched";
        return best is null
            ? SolverAnswer.Without(SolverVerdict.Unknown, Name, "no input found, none ruled out (" + searched + ")")
            : new SolverAnswer(SolverVerdict.Found, best, Name, "smallest of the inputs found (" + searched + ")");
    }

    private sealed record Axis(string Name, QuantityKind Kind, double[] Values, Quantity? Declaration);

    private static List<Axis> Axes(SolverQuestion question)
    {
        var constants = new SortedSet<double>(GuardConstants(question));
        IReadOnlyList<Quantity> quantities = question.Quantities();
        var axes = new List<Axis>();
        foreach (Quantity q in quantities)
        {
            axes.Add(new Axis(q.Name, q.Kind, Values(question.MaximumOf(q.Name, q.Kind), q.Kind, constants), q));
        }

        if (question is ConstantTimeQuestion ct)
        {
            foreach (string secret in ct.Secrets)
            {
                Quantity? q = quantities.FirstOrDefault(x => x.Name == secret);
                QuantityKind kind = q?.Kind ?? QuantityKind.Size;
                axes.Add(new Axis(secret + ConstantTimeQuestion.SecondCopy, kind, Values(question.MaximumOf(secret, kind), kind, constants), q));
            }
        }

        return axes;
    }

    /// <summary>The probe values of one quantity, up to <paramref name="max"/> (its domain's or the user's bound, which is probed too: costs peak there).</summary>
    private static double[] Values(double max, QuantityKind kind, SortedSet<double> guardConstants)
    {
        double min = QuantityDomain.Minimum(kind);
        var values = new SortedSet<double>(Probes) { max, max - 1 };
        foreach (double c in guardConstants)
        {
            values.Add(Math.Floor(c) - 1);
            values.Add(Math.Floor(c));
            values.Add(Math.Ceiling(c));
            values.Add(Math.Floor(c) + 1);
        }

        if (min < 0)
        {
            foreach (double v in values.ToArray())
            {
                values.Add(-v);
            }
        }

        return values.Where(v => v >= min && v <= max).OrderBy(Math.Abs).ThenBy(v => v).ToArray();
    }

    private IEnumerable<Dictionary<string, double>> Points(List<Axis> axes, SolverQuestion question)
    {
        double grid = axes.Aggregate(1.0, (acc, a) => acc * a.Values.Length);
        if (grid <= ExhaustiveGridLimit)
        {
            foreach (Dictionary<string, double> p in Grid(axes, 0, new Dictionary<string, double>(StringComparer.Ordinal)))
            {
                yield return WithPcvsClamped(p, axes, question);
            }

            yield break;
        }

        // Too many combinations: every axis alone over its values (the others at 0 or their smallest),
        // then seeded random combinations drawn mostly from the grid values.
        foreach (Axis axis in axes)
        {
            foreach (double v in axis.Values)
            {
                var p = axes.ToDictionary(a => a.Name, a => a.Values[0], StringComparer.Ordinal);
                p[axis.Name] = v;
                yield return WithPcvsClamped(p, axes, question);
            }
        }

        var random = new Random(_options.FallbackSeed);
        for (int i = 0; i < _options.FallbackRandomPoints; i++)
        {
            var p = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (Axis axis in axes)
            {
                p[axis.Name] = random.NextDouble() < 0.8
                    ? axis.Values[random.Next(axis.Values.Length)]
                    : LogUniform(random, axis.Kind, axis.Values.Max());
            }

            yield return WithPcvsClamped(p, axes, question);
        }
    }

    private static IEnumerable<Dictionary<string, double>> Grid(List<Axis> axes, int index, Dictionary<string, double> partial)
    {
        if (index == axes.Count)
        {
            yield return new Dictionary<string, double>(partial, StringComparer.Ordinal);
            yield break;
        }

        foreach (double v in axes[index].Values)
        {
            partial[axes[index].Name] = v;
            foreach (Dictionary<string, double> p in Grid(axes, index + 1, partial))
            {
                yield return p;
            }
        }
    }

    /// <summary>A PCV above its bound is out of the domain: clamp it to the bound (the worst case).</summary>
    private static Dictionary<string, double> WithPcvsClamped(Dictionary<string, double> point, List<Axis> axes, SolverQuestion question)
    {
        foreach (Axis axis in axes)
        {
            if (axis.Declaration?.Bound is { } bound)
            {
                string suffix = axis.Name.EndsWith(ConstantTimeQuestion.SecondCopy, StringComparison.Ordinal) ? ConstantTimeQuestion.SecondCopy : string.Empty;
                double limit = Math.Floor(ModelEvaluator.Evaluate(bound, name =>
                    point.TryGetValue(name + suffix, out double v) ? v : point.TryGetValue(name, out double w) ? w : 0));
                if (point[axis.Name] > limit)
                {
                    point[axis.Name] = Math.Max(0, limit);
                }
            }
        }

        return point;
    }

    private static double LogUniform(Random random, QuantityKind kind, double max)
    {
        double magnitude = Math.Floor(Math.Pow(2, random.NextDouble() * Math.Log(max + 1, 2)));
        double value = Math.Min(max, magnitude);
        return QuantityDomain.Minimum(kind) < 0 && random.Next(2) == 0 ? -value : value;
    }

    private static IEnumerable<double> GuardConstants(SolverQuestion question)
    {
        foreach (InterfaceModel model in question.Models)
        {
            foreach (Piece piece in model.Pieces)
            {
                foreach (Expr e in QuantityDomain.GuardExpressions(piece.When))
                {
                    foreach (double c in Constants(e))
                    {
                        yield return c;
                    }
                }
            }
        }

        if (question is BudgetQuestion b)
        {
            yield return b.BudgetNs;
        }
    }

    private static IEnumerable<double> Constants(Expr e)
    {
        if (e is ConstExpr c)
        {
            yield return c.Value;
        }

        foreach (Expr child in e.Children(out _))
        {
            foreach (double v in Constants(child))
            {
                yield return v;
            }
        }
    }
}
