using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Pix.Model;

namespace Pix.Analyzers.Extraction;

/// <summary>Maps a model's <see cref="Provenance"/> (file path and span) back to a <see cref="Location"/> in the compilation.</summary>
internal static class ProvenanceLocations
{
    /// <summary>The location of <paramref name="provenance"/>, or null when no syntax tree of <paramref name="compilation"/> holds it.</summary>
    public static Location? Find(Provenance provenance, Compilation compilation)
    {
        if (provenance.Length <= 0 && provenance.Line == 0)
        {
            return null;
        }

        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (!string.Equals(tree.FilePath, provenance.FilePath, StringComparison.Ordinal))
            {
                continue;
            }

            var span = new TextSpan(provenance.Start, provenance.Length);
            return span.End <= tree.Length ? Location.Create(tree, span) : null;
        }

        return null;
    }
}
