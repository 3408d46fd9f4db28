using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using static Pix.OperationClass;

namespace Pix.Calibration.Kernels;

/// <summary>
/// The kernel for <see cref="OperationClass.LibraryCopyCall"/>: a loop of <c>StringBuilder.Append(string)</c> calls, each a word of <see cref="WordCharacters"/> characters, into a builder
/// whose one chunk holds every append of a run (so no append grows it). It runs the BCL code the copy rows stand for, so the
/// JIT compiles it as it compiles a user's appends in the same deployment: Tier-1 code inlines <c>Append(string)</c> and
/// <c>Append(ref char, int)</c> and calls <c>SpanHelpers.Memmove</c>; FullOpts code (<c>DOTNET_TieredCompilation=0</c>)
/// calls <c>Append(ref char, int)</c>, which calls <c>Memmove</c> (docs/accuracy.md, eighteenth session, `tc0`).
/// </summary>
/// <remarks>
/// One iteration counts what the model library counts for each append (<c>BclModels</c>' <c>Append(string)</c> row: the
/// chunk, its length and the position loaded, the characters and the new position stored, the bound's arithmetic and two
/// branches, the characters as <see cref="CopiedByte"/>s) and the loop control, so the class's cost is what the kernel takes
/// beyond what those counts price at on this machine (<see cref="LibraryCopyCallFit"/>): the slope of a copied byte stays in
/// <see cref="CopiedByte"/> and the loop in its classes, as in a user's loop of appends. The word is built at run time, so
/// the JIT cannot fold its length into the inlined bound check.
/// <para>Its speed depends on where the JIT places its loop (docs/accuracy.md, `append24`), so the calibrator times it in
/// <see cref="PlacementCopies.Count"/> copies (<see cref="Copies"/>) and prices the mean over them.</para>
/// </remarks>
internal sealed class LibraryCopyCallKernel
{
    /// <summary>
    /// Appends an iteration: one, as a user's loop of appends makes. Eight inlined appends an iteration (the first version)
    /// made Tier-1 code of 6 KB that spilled (280 bytes of frame) and ran 5–6 ns an append where a loop of one append and a
    /// separator ran 3.8 ns a word (`Quickstart --kernels`, same load): it measured its own unrolling, not the call.
    /// </summary>
    public const int AppendsPerIteration = 1;

    /// <summary>Characters a word: a short word (16 bytes), below every size <see cref="BulkKernels"/> measures the slope at.</summary>
    public const int WordCharacters = 8;

    private readonly string _word = new('w', WordCharacters);
    private StringBuilder _builder = new(16);

    /// <summary>
    /// What one iteration counts: per append the <c>Append(string)</c> row's operations and 2 bytes a character copied, then
    /// the loop control (<see cref="CalibrationKernels.LoopControl"/>). <see cref="LibraryCopyCall"/> is left out: it is the
    /// unknown the fit solves for, <see cref="AppendsPerIteration"/> of them.
    /// </summary>
    public static IReadOnlyList<(OperationClass Class, double Count)> CountsPerIteration { get; } = new[]
    {
        (IntegerAlu, (3.0 * AppendsPerIteration) + 2),
        (Load, 3.0 * AppendsPerIteration),
        (Store, 2.0 * AppendsPerIteration),
        (Branch, (2.0 * AppendsPerIteration) + 1),
        (CopiedByte, 2.0 * WordCharacters * AppendsPerIteration),
    };

    /// <summary>The kernel's copies, one a placement of its code (<see cref="PlacementCopies"/>), each appending into the one builder.</summary>
    public IReadOnlyList<Func<int, long>> Copies => new Func<int, long>[] { Run<Copy0>, Run<Copy1>, Run<Copy2>, Run<Copy3> };

    /// <summary>The first copy's run (<see cref="Run{TCopy}(int)"/>).</summary>
    public long Run(int iterations) => Run<Copy0>(iterations);

    /// <summary>
    /// Appends the word <paramref name="iterations"/> × <see cref="AppendsPerIteration"/> times; returns the builder's length.
    /// <typeparamref name="TCopy"/> only makes each instantiation its own compiled method (<see cref="PlacementCopies"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public long Run<TCopy>(int iterations)
        where TCopy : struct
    {
        int needed = iterations * AppendsPerIteration * WordCharacters;
        StringBuilder builder = _builder;
        if (builder.Capacity < needed)
        {
            // Once, at the first run: one chunk for every append of a run. Clear keeps it (a builder of one chunk resets its length).
            builder = _builder = new StringBuilder(needed);
        }

        builder.Clear();
        string word = _word;
        for (int i = 0; i < iterations; i++)
        {
            builder.Append(word);
        }

        return builder.Length;
    }
}
