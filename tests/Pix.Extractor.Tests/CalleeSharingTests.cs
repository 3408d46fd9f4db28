using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Extraction;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// What a call site does with a callee's guarded alternatives, which share the terms of the code before
/// their fork (each shared term is substituted once per call site), and the resolution merge, which
/// prices each piece once: both must give the models a fresh substitution and re-pricing gave.
/// </summary>
public sealed class CalleeSharingTests
{
    private static readonly ExtractionOptions Unmerged = ExtractionOptions.Default with { DefaultResolution = 0 };

    // Two alternatives (slow / not slow) that share the first loop's term.
    private const string Work = @"
            static int Work(int k, bool slow) {
                int s = 0;
                for (int i = 0; i < k; i++) s += i;
                if (slow) { for (int j = 0; j < k; j++) s ^= j * 7; }
                return s; }
            static int Extra(int k) { int s = 0; for (int i = 0; i < k; i++) s -= i; return s; }";

    [Fact]
    public void A_guarded_callee_called_at_two_sites_is_substituted_at_each_with_its_own_arguments()
    {
        string source = "static class C {\n public static int M(int n, int m, bool f) => Work(n, f) + Work(m, !f);\n" + Work + " }";
        InterfaceModel caller = Extraction.Extract(source, options: Unmerged);
        InterfaceModel work = Extraction.Extract(source, "Work", Unmerged);
        Assert.True(caller.Pieces.Count >= 2, caller.Dump()); // the callee's guard on f survives at both sites
        foreach (double f in new[] { 0.0, 1.0 })
        {
            foreach ((double n, double m) in new[] { (10.0, 0.0), (0.0, 1000.0), (7.0, 300.0), (1000.0, 1000.0) })
            {
                // The loops are the terms that grow with the arguments; the straight-line code is the same at every size.
                double callerLoops = caller.Ns(("n", n), ("m", m), ("f", f)) - caller.Ns(("n", 0), ("m", 0), ("f", f));
                double calleeLoops = work.Ns(("k", n), ("slow", f)) - work.Ns(("k", 0), ("slow", f))
                    + work.Ns(("k", m), ("slow", 1 - f)) - work.Ns(("k", 0), ("slow", 1 - f));
                Assert.Equal(calleeLoops, callerLoops, 6);
            }
        }
    }

    [Fact]
    public void An_arm_of_a_data_dependent_branch_keeps_its_guarded_callee_s_costliest_path()
    {
        // The second arm costs more whatever the inputs; of Work's two paths it keeps the slow one, so the
        // caller costs what the arm costs with slow = true, for either value of f.
        string source = "static class C {\n"
            + " public static int M(int[] a, int n, bool f) { int s; if (a[0] > 0) s = Work(n, f); else s = Work(n, f) + Extra(n); return s; }\n"
            + " public static int Slow(int n) => Work(n, true) + Extra(n);\n" + Work + " }";
        InterfaceModel caller = Extraction.Extract(source, options: Unmerged);
        InterfaceModel slow = Extraction.Extract(source, "Slow", Unmerged);
        Assert.Contains(caller.Gaps, g => g.Kind == GapKind.DataDependentBranch);
        foreach (double f in new[] { 0.0, 1.0 })
        {
            foreach (double n in new[] { 1.0, 64.0, 1000.0 })
            {
                double callerLoops = caller.Ns(("n", n), ("f", f)) - caller.Ns(("n", 0), ("f", f));
                double slowLoops = slow.Ns(("n", n)) - slow.Ns(("n", 0));
                Assert.Equal(slowLoops, callerLoops, 6);
            }
        }
    }

    [Fact]
    public void A_callee_with_a_guard_on_data_the_caller_cannot_express_costs_its_costliest_path_at_every_input()
    {
        // The caller passes an element of its array for `slow`: the guard is not over the caller's inputs,
        // so the call keeps the costliest alternative, the same at every value of the caller's inputs.
        string source = "static class C {\n public static int M(int[] a, int n) => Work(n, a[0] > 3);\n"
            + " public static int Slow(int n) => Work(n, true);\n" + Work + " }";
        InterfaceModel caller = Extraction.Extract(source, options: Unmerged);
        InterfaceModel slow = Extraction.Extract(source, "Slow", Unmerged);
        Assert.Single(caller.Pieces);
        foreach (double n in new[] { 1.0, 64.0, 1000.0 })
        {
            Assert.Equal(slow.Ns(("n", n)) - slow.Ns(("n", 0)), caller.Ns(("n", n), ("a.Length", 5)) - caller.Ns(("n", 0), ("a.Length", 5)), 6);
        }
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.05)]
    [InlineData(0.3)]
    [InlineData(0.9)]
    public void Merging_with_each_piece_priced_once_merges_as_pricing_every_pair_again(double resolution)
    {
        // Pieces of very different and of nearly equal cost, in an order where merges cascade.
        InterfaceModel model = Extraction.Extract(@"static class C {
            public static int M(int[] a, int k) {
                int s = 0;
                switch (k) {
                    case 0: for (int i = 0; i < a.Length; i++) s += a[i]; break;
                    case 1: for (int i = 0; i < a.Length; i++) s ^= a[i]; break;
                    case 2: for (int i = 0; i < a.Length; i++) s += a[i] * 3; break;
                    case 3: for (int i = 0; i < a.Length * 4; i++) s += i; break;
                    case 4: s = 1; break;
                    case 5: s = 2; break;
                    default: for (int i = 0; i < a.Length; i++) s -= a[i] / 3; break;
                }
                return s; } }", options: Unmerged);
        Assert.True(model.Pieces.Count >= 6, model.Dump());
        IReadOnlyList<Piece> merged = ResolutionMerger.Merge(model.Pieces, resolution);
        IReadOnlyList<Piece> reference = ReferenceMerge(model.Pieces, resolution);
        Assert.Equal(reference, merged);
    }

    /// <summary>The merge as it was written before pieces were priced once: every pair priced again, every block at every sample.</summary>
    private static List<Piece> ReferenceMerge(IReadOnlyList<Piece> pieces, double resolution)
    {
        double[] Prices(Piece piece) =>
            ResolutionMerger.Samples.Select(v => piece.Terms.Sum(t => Math.Max(0, ModelEvaluator.Evaluate(t.Count, _ => v)) * t.Block.Price(HardwareProfile.Reference))).ToArray();

        var result = pieces.ToList();
        for (int i = 0; i + 1 < result.Count;)
        {
            double[] a = Prices(result[i]);
            double[] b = Prices(result[i + 1]);
            bool close = a.Zip(b, (x, y) => Math.Max(x, y) <= 0 || Math.Abs(x - y) < resolution * Math.Max(x, y)).All(c => c);
            if (!close)
            {
                i++;
                continue;
            }

            Piece dominating = b.Sum() > a.Sum() ? result[i + 1] : result[i];
            result[i] = new Piece(Guard.Or(result[i].When, result[i + 1].When), dominating.Terms, PieceOrigin.MergedByResolution);
            result.RemoveAt(i + 1);
        }

        return result;
    }
}
