using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Pix.Serialization;

namespace Pix.Cli.BaselineUpdate;

/// <summary>
/// A baseline file several projects share (a <c>Directory.Build.props</c> that sets one <c>PixBaselineFile</c>
/// for a solution): <c>pix baseline update</c> on one project rewrites that project's entries and must keep the
/// others', which the analyzers of the other projects read.
/// </summary>
/// <remarks>
/// An entry is this project's when the type its method ID names is declared in this project's source: a method
/// of such a type that is gone or lost its attribute then leaves the file, as in a file of one project. The file
/// records no project per entry (the schema is the analyzers'), so an entry of a type nobody declares any more
/// is kept too; the command prints how many it kept so that such an entry can be seen and removed.
/// </remarks>
internal static class SharedBaseline
{
    /// <summary>The entries of <paramref name="previous"/> whose type <paramref name="compilation"/> does not declare in source.</summary>
    public static IReadOnlyList<BaselineEntry> OtherProjectsEntries(Baseline? previous, Compilation compilation) =>
        previous is null
            ? Array.Empty<BaselineEntry>()
            : previous.Entries.Where(e => !DeclaresTypeOf(compilation, e.MethodId)).ToList();

    /// <summary>Whether the type that declares the member <paramref name="memberId"/> (<c>M:Ns.Type.Method(…)</c>) is in <paramref name="compilation"/>'s own source.</summary>
    private static bool DeclaresTypeOf(Compilation compilation, string memberId)
    {
        if (TypeIdOf(memberId) is not { } typeId)
        {
            return false;
        }

        return DocumentationCommentId.GetSymbolsForDeclarationId(typeId, compilation)
            .Any(t => SymbolEqualityComparer.Default.Equals(t.ContainingAssembly, compilation.Assembly));
    }

    /// <summary>
    /// <c>T:Ns.Type</c> of a member ID: its name before the parameter list, up to the last '.' (an explicit
    /// interface implementation's name writes its dots as '#', so the last '.' ends the type); null when there is none.
    /// </summary>
    private static string? TypeIdOf(string memberId)
    {
        int colon = memberId.IndexOf(':');
        int parameters = memberId.IndexOf('(');
        string name = memberId.Substring(colon + 1, (parameters < 0 ? memberId.Length : parameters) - colon - 1);
        int dot = name.LastIndexOf('.');
        return colon < 0 || dot <= 0 ? null : "T:" + name.Substring(0, dot);
    }
}
