using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Pix.Model;

namespace Pix.Corpus;

/// <summary>
/// Every model of a run as text, one method after another, so that two builds of the extractor can be
/// compared model for model (<c>--dump-models</c>; diff the files): a speed change must not change a model.
/// Counts and prices are written round-trip exact, and each model is also priced at two sample inputs.
/// </summary>
internal static class ModelText
{
    public static void Write(IEnumerable<MethodOutcome> outcomes, string path)
    {
        using var w = new StreamWriter(path);
        foreach (MethodOutcome outcome in outcomes.OrderBy(o => o.Target.Key, System.StringComparer.Ordinal))
        {
            w.WriteLine("# " + outcome.Target.Key);
            if (outcome.Model is not { } model)
            {
                w.WriteLine("  no model: " + outcome.Failure?.GetType().Name);
                continue;
            }

            foreach (Quantity q in model.Quantities)
            {
                w.WriteLine($"  q {q.Name} [{q.Kind}] = {q.Expression} bound {q.Bound}");
            }

            foreach (Piece piece in model.Pieces)
            {
                w.WriteLine($"  piece when {piece.When} ({piece.Origin})");
                foreach (Term t in piece.Terms)
                {
                    w.WriteLine($"    {t.Count} × [{Counts(t.Block.Operations.Select(c => (c.Class.ToString(), c.Count)))}] chain [{Counts(t.Block.Chain.Select(c => (c.Class.ToString(), c.Count)))}] "
                        + $"opaque [{Counts(t.Block.Opaque.Select(c => (c.Name, c.Count)))}] {t.Description} @{t.Origin.Line}");
                }
            }

            foreach (Gap g in model.Gaps)
            {
                w.WriteLine($"  gap {g.Kind}: {g.Construct} @{g.Where.FilePath}:{g.Where.Line}:{g.Where.Start} {g.Reason}");
            }

            foreach (double sample in new[] { 3.0, 64.0 })
            {
                var values = model.Quantities.ToDictionary(q => q.Name, _ => sample);
                w.WriteLine($"  price at {sample}: {ModelEvaluator.Evaluate(model, values, HardwareProfile.Reference).Nanoseconds.ToString("R", CultureInfo.InvariantCulture)}");
            }
        }
    }

    private static string Counts(IEnumerable<(string Name, double Count)> counts) =>
        string.Join(", ", counts.Select(c => c.Name + "=" + c.Count.ToString("R", CultureInfo.InvariantCulture)));
}
