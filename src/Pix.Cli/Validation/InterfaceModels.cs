using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Cli.BaselineUpdate;
using Pix.Model;
using Pix.Serialization;

namespace Pix.Cli.Validation;

/// <summary>
/// The interface models of a project's <c>[PerformanceInterface]</c> methods, keyed by documentation
/// comment ID: extracted from its sources exactly as <c>pix baseline update</c> extracts them (same
/// build, options and extractor as the generator), so a fit can keep each interface's terms.
/// </summary>
internal static class InterfaceModels
{
    /// <summary>Builds <paramref name="projectPath"/> (Release) and extracts every supported annotated method's model.</summary>
    /// <exception cref="CommandLineException">No such project, or its build failed.</exception>
    public static IReadOnlyDictionary<string, InterfaceModel> FromProject(string projectPath, TextWriter progress)
    {
        string projectFile = ProjectBuild.ResolveProjectFile(projectPath);
        progress.WriteLine($"pix validate: building {Path.GetFileName(projectFile)} (Release) to extract its interfaces' terms…");
        ProjectInputs inputs = ProjectBuild.Build(projectFile, "Release", Array.Empty<string>());
        Compilation compilation = BaselineBuilder.Compile(inputs, CancellationToken.None);
        Baseline baseline = BaselineBuilder.Build(inputs, compilation, CancellationToken.None);
        return baseline.Entries
            .Where(e => !e.Interface.IsInternalError)
            .ToDictionary(e => e.MethodId, e => e.Interface, StringComparer.Ordinal);
    }
}
