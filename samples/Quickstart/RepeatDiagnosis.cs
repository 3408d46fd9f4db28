using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Pix;

namespace Quickstart;

/// <summary>
/// <c>--kernels repeat</c>: <c>Text.Repeat</c> split into what the interface prices apart — the builder's capacity
/// chunk, the loop of appends, <c>ToString</c> — at growing counts, beside the primitives the profile's per-byte
/// classes are calibrated on (a zeroed <c>new char[n]</c>: <c>AllocatedByte</c>; an uninitialised array; a plain
/// copy: <c>CopiedByte</c>). Measured as <c>pix validate</c> measures (batches without a gen-0 collection), printed
/// per character of the text, so each part can be set beside the interface's per-character terms.
/// </summary>
internal static class RepeatDiagnosis
{
    private const string Word = "latency";   // the Quickstart's inputs (ValidationInputs.Words)

    public static void Run()
    {
        MeasurementOptions options = MeasurementOptions.Default with { WarmupTime = TimeSpan.FromSeconds(0.5), SkipCollectedBatches = true };
        Console.WriteLine("Text.Repeat in its parts (median of batches without a gen-0 collection; CV); ns per character of the text ((word.Length + 1) * count)");
        // Captured, not the constant: a lambda calling Text.Repeat(Word, …) may inline it with the word known, and the
        // JIT then copies its 14 bytes inline, with no Memmove call (measured cheaper than Repeat without its ToString).
        // pix validate passes the word from an array: a variable, as here.
        string word = Word;
        foreach (int count in new[] { 16, 64, 256, 1024, 4096 })
        {
            int chars = (Word.Length + 1) * count;
            var filled = Diagnosis.AppendLoop(new StringBuilder(chars), word, count);
            var reused = new StringBuilder(chars);
            char[] source = new char[chars];
            char[] destination = new char[chars];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $" count = {count} ({chars} chars, {chars * 2} bytes)"));
            Report("whole: Text.Repeat", Measurement.Measure(() => Text.Repeat(word, ',', count), options), chars);
            Report("new StringBuilder(capacity)", Measurement.Measure(() => new StringBuilder(chars), options), chars);
            Report("whole without ToString (the builder returned)", Measurement.Measure(() => RepeatWithoutToString(word, ',', count), options), chars);
            Report("new StringBuilder(capacity) + the appends", Measurement.Measure(() => Diagnosis.AppendLoop(new StringBuilder(chars), word, count), options), chars);
            Report("the appends alone, into a reused builder", Measurement.Measure(() => Diagnosis.AppendLoop(reused, word, count), options), chars);
            Report("ToString alone", Measurement.Measure(() => filled.ToString(), options), chars);
            Report("new char[chars] (zeroed, as AllocatedByte's kernel)", Measurement.Measure(() => new char[chars], options), chars);
            Report("GC.AllocateUninitializedArray<char>(chars)", Measurement.Measure(() => GC.AllocateUninitializedArray<char>(chars), options), chars);
            Report("copy chars to a reused array (CopiedByte)", Measurement.Measure(() => Copy(source, destination), options), chars);
            Report("new string(char[chars]) (allocate + copy)", Measurement.Measure(() => new string(source), options), chars);
        }
    }

    /// <summary>Text.Repeat up to its ToString: what the whole costs beyond it is ToString's cost in place.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static StringBuilder RepeatWithoutToString(string word, char separator, int count)
    {
        var builder = new StringBuilder((word.Length + 1) * count);
        for (int i = 0; i < count; i++)
        {
            builder.Append(word);
            builder.Append(separator);
        }

        return builder;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static char[] Copy(char[] source, char[] destination)
    {
        source.AsSpan().CopyTo(destination);
        return destination;
    }

    private static void Report(string what, MeasurementResult measured, int chars) =>
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {what,-52} {measured.Median,10} ({measured.CoefficientOfVariation * 100:0.0}%)  {measured.Median.Nanoseconds / chars:0.0000} ns/char{(measured.CoreShared ? " (core shared)" : "")}"));
}
