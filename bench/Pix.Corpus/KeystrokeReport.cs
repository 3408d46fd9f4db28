using System.IO;
using System.Linq;

namespace Pix.Corpus;

/// <summary>Writes a <see cref="KeystrokeResult"/> as Markdown, after the corpus's own report.</summary>
internal static class KeystrokeReport
{
    public static void Write(string corpus, KeystrokeResult result, TextWriter w)
    {
        w.WriteLine($"#### Keystrokes in {corpus} (annotate-all, generator only, incremental driver)");
        w.WriteLine();
        w.WriteLine($"- first pass over the unedited corpus: {result.FirstPass.TotalSeconds:F1} s; generator exceptions in all passes: {result.Exceptions}");
        if (result.Keystrokes.Count == 0)
        {
            w.WriteLine("- no method with a block body to edit");
            w.WriteLine();
            return;
        }

        double[] ms = result.Keystrokes.Select(k => k.Elapsed.TotalMilliseconds).OrderBy(x => x).ToArray();
        double[] mb = result.Keystrokes.Select(k => k.Allocated / 1e6).OrderBy(x => x).ToArray();
        w.WriteLine($"- {ms.Length} edits (`_ = 0;` at the start of a method body, spread over the corpus, chained): pass after each "
            + $"p50 {CorpusReport.Quantile(ms, 0.50):F1} ms, p90 {CorpusReport.Quantile(ms, 0.90):F1} ms, "
            + $"p99 {CorpusReport.Quantile(ms, 0.99):F1} ms, max {ms[^1]:F1} ms; "
            + $"allocated per pass p50 {CorpusReport.Quantile(mb, 0.50):F1} MB, mean {mb.Average():F1} MB, max {mb[^1]:F1} MB; "
            + $"methods analysed again per edit: mean {result.Keystrokes.Average(k => k.Extracted):F1}, min {result.Keystrokes.Min(k => k.Extracted)}, max {result.Keystrokes.Max(k => k.Extracted)}; "
            + $"models reused per edit: mean {result.Keystrokes.Average(k => k.Reused):F1}, of which relocated: mean {result.Keystrokes.Average(k => k.Relocated):F1}, max {result.Keystrokes.Max(k => k.Relocated)}; "
            + $"generated files changed per edit: mean {result.Keystrokes.Average(k => k.ChangedFiles):F1}, max {result.Keystrokes.Max(k => k.ChangedFiles)}");
        if (result.Verified > 0)
        {
            w.WriteLine($"- reuse verified: {result.Verified} models served by the cache or kept by the generator after an edit "
                + $"(kept per edit: mean {result.Keystrokes.Average(k => k.Kept):F1}) compared with a fresh extraction, {result.Mismatches.Count} unequal");
            foreach (string mismatch in result.Mismatches.Take(10))
            {
                w.WriteLine($"  - {mismatch}");
            }
        }

        w.WriteLine("- slowest passes:");
        foreach (Keystroke k in result.Keystrokes.OrderByDescending(k => k.Elapsed).Take(5))
        {
            w.WriteLine($"  - {k.Elapsed.TotalMilliseconds:F1} ms, {k.Extracted} methods analysed again, {k.ChangedFiles} files changed: `{k.Method}` ({Path.GetFileName(k.File)})");
        }

        w.WriteLine();
    }
}
