namespace Pix.Generator;

/// <summary>
/// Names of the pipeline's steps, so incrementality tests can ask the driver what each step did
/// (Cached, Unchanged, Modified, New, Removed) for every input.
/// </summary>
internal static class TrackingNames
{
    /// <summary>One <see cref="Model.AnnotatedTarget"/> per <c>[PerformanceInterface]</c> method (null without a documentation ID).</summary>
    public const string Transform = nameof(Transform);

    /// <summary>The project's extraction options (<c>build_property.PixBottomUpSummaries</c>).</summary>
    public const string ExtractionSetting = nameof(ExtractionSetting);

    /// <summary>One <see cref="Model.LatencyMethodSpec"/> per target, its interface extracted (null when it gets no companion).</summary>
    public const string Extracted = nameof(Extracted);

    /// <summary>The supported methods only.</summary>
    public const string Supported = nameof(Supported);

    /// <summary>The project's default resolution (<c>build_property.PixResolution</c>).</summary>
    public const string ProjectResolution = nameof(ProjectResolution);

    /// <summary>Method specs with the effective resolution applied.</summary>
    public const string Resolved = nameof(Resolved);

    /// <summary>One <see cref="Model.GeneratedFileSpec"/> per containing type.</summary>
    public const string Files = nameof(Files);

    /// <summary>The project's <c>build_property.PixAnnotateAll</c>.</summary>
    public const string AnnotateAllSetting = nameof(AnnotateAllSetting);

    /// <summary>One spec per annotate-all target (nothing when the mode is off).</summary>
    public const string AnnotateAllTransform = nameof(AnnotateAllTransform);

    /// <summary>Annotate-all specs with the project's resolution applied.</summary>
    public const string AnnotateAllResolved = nameof(AnnotateAllResolved);

    /// <summary>The project's <c>build_property.PixExplain</c>.</summary>
    public const string ExplainSetting = nameof(ExplainSetting);
}
