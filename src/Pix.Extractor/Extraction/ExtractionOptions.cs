namespace Pix.Extraction;

/// <summary>Limits and defaults of one extraction.</summary>
public sealed record ExtractionOptions
{
    /// <summary>The default options.</summary>
    public static ExtractionOptions Default { get; } = new();

    /// <summary>
    /// Relative resolution used when the method's <c>[PerformanceInterface]</c> does not set one
    /// (≥ 0): pieces whose latency differs by less than this on the reference profile are merged.
    /// </summary>
    public double DefaultResolution { get; init; } = 0.05;

    /// <summary>
    /// How deep calls into ordinary source methods are followed; deeper calls become opaque terms. Not read
    /// when <see cref="BottomUpSummaries"/> is on (a summary then does not depend on the depth it is met at).
    /// </summary>
    public int MaxCallDepth { get; init; } = 3;

    /// <summary>
    /// Analysis budget: IOperation nodes visited in one extraction (callees included). Beyond it the
    /// rest of the method is left out and the model carries a <c>BudgetExceeded</c> gap.
    /// </summary>
    public int MaxOperations { get; init; } = 50_000;

    /// <summary>
    /// Most guarded pieces kept while analysing; beyond, paths are merged into the costliest one
    /// (with a gap), so that a chain of independent <c>if</c>s cannot explode.
    /// </summary>
    public int MaxPieces { get; init; } = 16;

    /// <summary>
    /// Deepest expression or statement nesting analysed; deeper subtrees become one opaque term (with
    /// a gap), so that machine-generated 10,000-deep expressions cannot overflow the stack.
    /// </summary>
    public int MaxNestingDepth { get; init; } = 200;

    /// <summary>
    /// Whether a model extracted from an earlier compilation may be reused when the method's file, the
    /// files it read and every declaration of the compilation are unchanged (the IDE's keystroke case,
    /// and repeated builds in the compiler server). On by default; turn it off to time extraction or to
    /// check that two extractions agree.
    /// </summary>
    public bool ReuseAcrossCompilations { get; init; } = true;

    /// <summary>
    /// Whether a callee's analysis is recorded and replayed for later extractions on the same
    /// compilation instead of being repeated for every caller (a replay is taken only when a fresh
    /// analysis would give the same summary, so models do not change). On by default; off only to
    /// measure what it saves or to check that it changes nothing.
    /// </summary>
    public bool ReuseCalleeSummaries { get; init; } = true;

    /// <summary>
    /// Whether callee summaries are composed bottom-up: one summary per method per compilation, which
    /// every caller takes whoever asks first and at whatever depth (no <see cref="MaxCallDepth"/>; the
    /// <see cref="MaxOperations"/> budget counts each method's own operations; a callee's summary larger
    /// than <see cref="MaxCalleeTerms"/> is an opaque call; a call into a method on the stack, or into the
    /// method's own call cycle, is a recursion gap). Off by default: its interfaces are more complete, but on the
    /// keystroke path an edit re-analyses every method whose summary read the edited body at any depth (NodaTime:
    /// 15.9 methods per edit against 3.3, allocation per pass 1.55x; docs/robustness.md, "Thirteenth session:
    /// bottom-up on the keystroke path"). A project picks it with <c>PixBottomUpSummaries</c> (<see cref="ParseBottomUp"/>).
    /// </summary>
    public bool BottomUpSummaries { get; init; }

    /// <summary>
    /// With <see cref="BottomUpSummaries"/>: the most terms (over all its guarded paths) a callee's summary may
    /// have for a caller to take it in; a larger one is priced as an opaque call (with a gap). What bounds the
    /// size of a summary when calls are followed to any depth.
    /// </summary>
    public int MaxCalleeTerms { get; init; } = 32;

    /// <summary>
    /// With <see cref="BottomUpSummaries"/>: the most members a call cycle (a strongly connected component of the
    /// call graph) may have to be summarised as a whole, in two passes over all of its members. A member of a larger
    /// one is summarised on its own, taking at each call into its cycle one invocation of the callee (its own code,
    /// every call into the cycle cut), computed once per compilation: so the extraction that first enters a large
    /// cycle pays for the members it calls, not for the whole cycle. The size of a cycle is a property of the
    /// compilation, so a summary still does not depend on the order methods are extracted in. 8: Newtonsoft.Json's
    /// serializer cycle has 16 members (its next largest 8), and its entry allocated half as much with this bound
    /// (docs/robustness.md, "Eleventh session: bottom-up's worst case bounded").
    /// </summary>
    public int MaxCycleMembers { get; init; } = 8;

    /// <summary>
    /// With <see cref="BottomUpSummaries"/>: the most source methods a callee may reach through its calls (itself
    /// included, by the call graph's calls: <see cref="Analysis.CallGraph"/>) for a caller to take its summary in; a
    /// callee that reaches more is priced as an opaque call (with a gap). What bounds one extraction's cost when calls
    /// are followed to any depth: without it the first extraction to reach a large subtree summarises every method
    /// in it (Newtonsoft.Json's <c>CustomCreationConverter&lt;T&gt;.ReadJson</c>, 1.1 s). How many methods a callee
    /// reaches is a property of the compilation, so a summary still does not depend on the order methods are
    /// extracted in; a callee under the limit has every callee under it too, so its summary is unchanged. 64: no
    /// complete interface lost on the three decompiled corpora, and that extraction's allocation 31.3 → 0.9 MB
    /// (docs/robustness.md, "Twelfth session: bottom-up's worst extraction bounded").
    /// </summary>
    public int MaxCalleeReach { get; init; } = 64;

    /// <summary>
    /// Whether method bodies are bound without the compiler's nullable analysis, which the extractor
    /// never reads (it annotates types with nullability) and which costs more than the rest of binding
    /// in a <c>#nullable enable</c> file. Takes effect only on a compiler that offers it (Roslyn 4.9
    /// and later); models do not change. On by default; off only to measure what it saves or to check
    /// that it changes nothing.
    /// </summary>
    public bool SkipNullableAnalysis { get; init; } = true;

    /// <summary>The analyzer-config key under which the compiler passes a project's <c>PixResolution</c>.</summary>
    public const string ResolutionBuildProperty = "build_property.PixResolution";

    /// <summary>
    /// Reads a project's <c>PixResolution</c> (a fraction in [0, 1), invariant culture). The one
    /// parser for it, shared by the generator, the analyzers and <c>pix baseline update</c>, so that
    /// all three extract at the same resolution.
    /// </summary>
    public static bool TryParseResolution(string? text, out double resolution)
    {
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out resolution)
            && IsResolution(resolution))
        {
            return true;
        }

        resolution = 0;
        return false;
    }

    /// <summary>
    /// Whether <paramref name="value"/> is a resolution: a fraction in [0, 1). The one range for the project's
    /// <c>PixResolution</c> and a baseline file's <c>resolution</c>, so that a file can hold only what a build can write.
    /// </summary>
    public static bool IsResolution(double value) => value >= 0 && value < 1;

    /// <summary>These options with the project's <c>PixResolution</c> when it is valid.</summary>
    public ExtractionOptions WithProjectResolution(string? pixResolution) =>
        TryParseResolution(pixResolution, out double r) ? this with { DefaultResolution = r } : this;

    /// <summary>The analyzer-config key under which the compiler passes a project's <c>PixBottomUpSummaries</c>.</summary>
    public const string BottomUpBuildProperty = "build_property.PixBottomUpSummaries";

    /// <summary>
    /// Reads a project's <c>PixBottomUpSummaries</c>: <c>true</c> or <c>false</c> (any case, surrounding blanks
    /// ignored); a missing or empty value means the default (<see cref="Default"/>'s <see cref="BottomUpSummaries"/>).
    /// Any other text gives null: the caller keeps the default and the analyzers report it (PIX0007). The one parser
    /// for it, shared by the generator and the analyzers, so that both extract in the same mode.
    /// </summary>
    public static bool? ParseBottomUp(string? text)
    {
        string value = text?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            return Default.BottomUpSummaries;
        }

        return bool.TryParse(value, out bool on) ? on : null;
    }

    /// <summary>These options with the project's <c>PixBottomUpSummaries</c> when it is valid (the default's mode otherwise).</summary>
    public ExtractionOptions WithProjectBottomUp(string? pixBottomUpSummaries) =>
        this with { BottomUpSummaries = ParseBottomUp(pixBottomUpSummaries) ?? Default.BottomUpSummaries };
}
