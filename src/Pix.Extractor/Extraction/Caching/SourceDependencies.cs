using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Model;

namespace Pix.Extraction.Caching;

/// <summary>
/// The source files a model depends on beyond declarations, by content: the files whose code the
/// extraction bound (the method and the callees it followed) and the files its provenance points
/// into (a line number in a gap or a term). A model still holds in another compilation with the same
/// <see cref="DeclarationFingerprint"/> when each of these files has the same text there.
/// </summary>
internal sealed class SourceDependencies
{
    private static readonly ConditionalWeakTable<Compilation, Dictionary<string, SyntaxTree[]>> s_treesByPath = new();

    // Path → checksums of the trees with that path when the model was extracted (tests often give
    // every tree the same empty path, so a path may stand for several texts).
    private readonly KeyValuePair<string, ImmutableArray<byte>[]>[] _files;

    private SourceDependencies(KeyValuePair<string, ImmutableArray<byte>[]>[] files) => _files = files;

    /// <summary>Number of files depended on (for tests and diagnostics of the cache).</summary>
    public int Count => _files.Length;

    /// <summary>The dependencies of <paramref name="model"/>, extracted from <paramref name="compilation"/> after binding <paramref name="treesBound"/>.</summary>
    public static SourceDependencies Record(Compilation compilation, IEnumerable<SyntaxTree> treesBound, InterfaceModel model, CancellationToken ct)
    {
        var paths = new HashSet<string>(treesBound.Select(t => t.FilePath), StringComparer.Ordinal);
        paths.UnionWith(PathsIn(model));
        Dictionary<string, SyntaxTree[]> byPath = TreesByPath(compilation);
        return new SourceDependencies(paths
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(path => new KeyValuePair<string, ImmutableArray<byte>[]>(path, TreesAt(byPath, path).Select(t => Checksum(t, ct)).ToArray()))
            .ToArray());
    }

    /// <summary>Whether every file depended on has the same text in <paramref name="compilation"/>.</summary>
    public bool HoldIn(Compilation compilation, CancellationToken ct)
    {
        Dictionary<string, SyntaxTree[]> byPath = TreesByPath(compilation);
        foreach (KeyValuePair<string, ImmutableArray<byte>[]> file in _files)
        {
            SyntaxTree[] trees = TreesAt(byPath, file.Key);
            if (trees.Length != file.Value.Length)
            {
                return false;
            }

            for (int i = 0; i < trees.Length; i++)
            {
                if (!Checksum(trees[i], ct).SequenceEqual(file.Value[i]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    // Built once per compilation; a validation (once per reused model) then allocates nothing.
    private static Dictionary<string, SyntaxTree[]> TreesByPath(Compilation compilation) =>
        s_treesByPath.GetValue(compilation, static c => c.SyntaxTrees
            .GroupBy(t => t.FilePath, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal));

    private static SyntaxTree[] TreesAt(Dictionary<string, SyntaxTree[]> byPath, string path) =>
        byPath.TryGetValue(path, out SyntaxTree[]? trees) ? trees : Array.Empty<SyntaxTree>();

    // SourceText computes its checksum once and keeps it, and the compiler needs it anyway (PDBs).
    private static ImmutableArray<byte> Checksum(SyntaxTree tree, CancellationToken ct) => tree.GetText(ct).GetChecksum();

    private static IEnumerable<string> PathsIn(InterfaceModel model)
    {
        yield return model.Origin.FilePath;
        foreach (Gap gap in model.Gaps)
        {
            yield return gap.Where.FilePath;
        }

        foreach (Quantity quantity in model.Quantities)
        {
            if (quantity.Origin is not null)
            {
                yield return quantity.Origin.FilePath;
            }
        }

        foreach (Piece piece in model.Pieces)
        {
            foreach (Term term in piece.Terms)
            {
                yield return term.Origin.FilePath;
            }
        }
    }
}
