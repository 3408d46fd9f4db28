using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Pix.Analyzers.Diagnostics;
using Pix.Serialization;

namespace Pix.Analyzers.Regression;

/// <summary>
/// The project's <c>pix.baseline.json</c>, read from <c>AdditionalFiles</c> (never from disk: RS1035),
/// with a PIX0203 diagnostic located inside the file for every part that could not be read.
/// </summary>
internal sealed record BaselineSource(Baseline Baseline, string Path, ImmutableArray<Diagnostic> Problems)
{
    /// <summary>
    /// The baseline among <paramref name="files"/>, or null when the project has none (the check is then off):
    /// the file <paramref name="configuredPath"/> names (the project's <c>PixBaselineFile</c>, a full path
    /// that Pix.targets also passes as the AdditionalFile, whatever its name), else, when the property is
    /// not set (no Pix.targets), the first file named <c>pix.baseline.json</c>.
    /// </summary>
    public static BaselineSource? Find(ImmutableArray<AdditionalText> files, string? configuredPath, CancellationToken cancellationToken)
    {
        string? configured = string.IsNullOrWhiteSpace(configuredPath) ? null : ProjectPath.Normalize(configuredPath!);
        foreach (AdditionalText file in files)
        {
            bool isBaseline = configured is null
                ? string.Equals(System.IO.Path.GetFileName(file.Path), Baseline.FileName, StringComparison.OrdinalIgnoreCase)
                : string.Equals(ProjectPath.Normalize(file.Path), configured, StringComparison.OrdinalIgnoreCase);
            if (!isBaseline)
            {
                continue;
            }

            SourceText? text = file.GetText(cancellationToken);
            if (text is null)
            {
                Diagnostic unreadable = Diagnostic.Create(
                    DiagnosticDescriptors.BaselineUnreadable,
                    Location.Create(file.Path, default, default),
                    $"{file.Path}: the file could not be read");
                return new BaselineSource(Baseline.Create(Array.Empty<BaselineEntry>()), file.Path, ImmutableArray.Create(unreadable));
            }

            BaselineReadResult read = BaselineReader.Read(text.ToString(), file.Path);
            var problems = ImmutableArray.CreateBuilder<Diagnostic>(read.Errors.Count);
            foreach (BaselineError error in read.Errors)
            {
                problems.Add(Diagnostic.Create(DiagnosticDescriptors.BaselineUnreadable, Locate(file.Path, text, error), error.Message));
            }

            return new BaselineSource(read.Baseline, file.Path, problems.ToImmutable());
        }

        return null;
    }

    private static Location Locate(string path, SourceText text, BaselineError error)
    {
        int offset = Math.Max(0, Math.Min(error.Offset, text.Length));
        var span = new TextSpan(offset, 0);
        return Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
    }
}
