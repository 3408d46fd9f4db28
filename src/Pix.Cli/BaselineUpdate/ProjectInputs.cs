using System.Collections.Generic;

namespace Pix.Cli.BaselineUpdate;

/// <summary>What the compiler was given for one project, as MSBuild evaluated it after a build.</summary>
/// <param name="ProjectFile">Full path of the project file.</param>
/// <param name="ProjectDirectory">Its directory; baseline source paths are relative to it.</param>
/// <param name="SourceFiles">Full paths of the <c>Compile</c> items.</param>
/// <param name="References">Full paths of the <c>ReferencePath</c> items.</param>
/// <param name="LangVersion">The <c>LangVersion</c> property (empty: the compiler's default).</param>
/// <param name="DefineConstants">The preprocessor symbols.</param>
/// <param name="AllowUnsafe">Whether unsafe code is allowed.</param>
/// <param name="NullableEnabled">Whether nullable annotations are enabled (changes no cost, but keeps the compilation error-free).</param>
/// <param name="Resolution">The project's <c>PixResolution</c>, or null when unset or invalid.</param>
/// <param name="BaselineFile">The project's <c>PixBaselineFile</c> (full path), or null when unset.</param>
/// <param name="BottomUpSummaries">The project's <c>PixBottomUpSummaries</c> as written (read by <see cref="Pix.Extraction.ExtractionOptions.ParseBottomUp"/>), or null when unset.</param>
internal sealed record ProjectInputs(
    string ProjectFile,
    string ProjectDirectory,
    IReadOnlyList<string> SourceFiles,
    IReadOnlyList<string> References,
    string LangVersion,
    IReadOnlyList<string> DefineConstants,
    bool AllowUnsafe,
    bool NullableEnabled,
    double? Resolution,
    string? BaselineFile,
    string? BottomUpSummaries = null);
