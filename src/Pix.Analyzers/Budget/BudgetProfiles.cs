using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Pix.Analyzers.Budget;

/// <summary>
/// The hardware profiles budgets are checked on: the shipped reference profile, or a project's
/// <c>name.pixhw.json</c>, read from <c>AdditionalFiles</c> (analyzers may not read files: RS1035;
/// the package's Pix.targets passes every <c>*.pixhw.json</c> of the project). Each file is parsed
/// once per compilation, whichever methods name it.
/// </summary>
internal sealed class BudgetProfiles
{
    /// <summary>The suffix of hardware profile files.</summary>
    public const string Extension = ".pixhw.json";

    private readonly ImmutableArray<AdditionalText> _files;
    private readonly ConcurrentDictionary<string, Result> _loaded = new(StringComparer.OrdinalIgnoreCase);

    public BudgetProfiles(ImmutableArray<AdditionalText> files) => _files = files;

    /// <summary>A profile, with how to name it in a message; or why it cannot be had.</summary>
    public sealed record Result(HardwareProfile? Profile, string Display, string Problem);

    /// <summary>
    /// The profile <paramref name="name"/> designates (<c>"prod"</c> or <c>"prod.pixhw.json"</c>), or the
    /// reference profile when it is null.
    /// </summary>
    public Result Get(string? name, CancellationToken cancellationToken)
    {
        if (name is null)
        {
            return new Result(HardwareProfile.Reference, "the reference profile", string.Empty);
        }

        string fileName = name.Trim();
        if (!fileName.EndsWith(Extension, StringComparison.OrdinalIgnoreCase))
        {
            fileName += Extension;
        }

        return _loaded.GetOrAdd(System.IO.Path.GetFileName(fileName), f => Load(f, cancellationToken));
    }

    private Result Load(string fileName, CancellationToken cancellationToken)
    {
        foreach (AdditionalText file in _files)
        {
            if (!string.Equals(System.IO.Path.GetFileName(file.Path), fileName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            SourceText? text = file.GetText(cancellationToken);
            if (text is null)
            {
                return new Result(null, fileName, $"{file.Path} could not be read");
            }

            try
            {
                return new Result(HardwareProfile.Parse(text.ToString(), file.Path), fileName, string.Empty);
            }
            catch (ProfileFormatException e)
            {
                return new Result(null, fileName, e.Message + "; recreate it with 'pix calibrate -o " + fileName + "'");
            }
        }

        return new Result(null, fileName,
            $"the build has no {fileName} (no AdditionalFiles item of that name); create it with 'pix calibrate -o {fileName}' in the project folder, where the Pix package picks up every *.pixhw.json");
    }
}
