using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Pix.Analyzers.Diagnostics;

/// <summary>
/// Every Pix diagnostic descriptor. One partial file per ID range; each descriptor is built by
/// <see cref="Create"/>, which derives the help link from the ID so that no descriptor can point at
/// the wrong page (a meta-test checks every link, docs page and release entry).
/// </summary>
internal static partial class DiagnosticDescriptors
{
    /// <summary>Where the docs pages live; the page of PIXnnnn is <c>{HelpLinkBase}PIXnnnn.md</c>.</summary>
    public const string HelpLinkBase = "https://github.com/pix-dotnet/pix/blob/main/docs/diagnostics/";

    /// <summary>The help link of diagnostic <paramref name="id"/>.</summary>
    public static string HelpLinkFor(string id) => HelpLinkBase + id + ".md";

    /// <summary>
    /// Creates a descriptor, enabled by default, whose help link is the ID's docs page and whose
    /// tags name the category (plus <paramref name="customTags"/>, e.g.
    /// <see cref="WellKnownDiagnosticTags.CompilationEnd"/> for diagnostics reported at compilation end).
    /// </summary>
    /// <param name="id">A <see cref="DiagnosticIds"/> constant.</param>
    /// <param name="title">A short title, no trailing period.</param>
    /// <param name="messageFormat">The message, with <c>{0}</c>… placeholders documented on the descriptor.</param>
    /// <param name="category">A <see cref="DiagnosticCategories"/> constant.</param>
    /// <param name="severity">The default severity.</param>
    /// <param name="description">What the rule checks and why, for the IDE's rule page.</param>
    /// <param name="customTags">Extra tags.</param>
    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity severity,
        string description,
        params string[] customTags)
    {
        var tags = new List<string>(customTags.Length + 2) { "Pix", category };
        tags.AddRange(customTags);
        return new DiagnosticDescriptor(
            id,
            title,
            messageFormat,
            category,
            severity,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: HelpLinkFor(id),
            customTags: tags.ToArray());
    }
}
