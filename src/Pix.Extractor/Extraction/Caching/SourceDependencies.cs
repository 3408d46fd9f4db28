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
/// What a model depends on beyond declarations, by content: the declarations whose bodies the
/// extraction read (the method and the callees it followed, with their local functions and lambdas)
/// and those its provenance points into (<see cref="DeclarationIndex"/>). Binding a body depends only
/// on the declarations (the <see cref="DeclarationFingerprint"/>) and the body's own text, so a model
/// still holds in another compilation with the same fingerprint when each of these declarations has
/// the same text there; an edit in another body of the same file only moves them.
/// </summary>
/// <remarks>
/// What cannot be placed in a declaration (provenance outside every one, such as in a record's
/// primary constructor; a tree bound for no declaration read; several trees with one path) makes the
/// model depend on its whole file, as every dependency did before: conservative, never wrong.
/// </remarks>
internal sealed class SourceDependencies
{
    private static readonly ConditionalWeakTable<Compilation, Dictionary<string, SyntaxTree[]>> s_treesByPath = new();

    private readonly FileDependency[] _files;

    private SourceDependencies(FileDependency[] files) => _files = files;

    /// <summary>Number of files depended on (for tests and diagnostics of the cache).</summary>
    public int Count => _files.Length;

    /// <summary>
    /// The dependencies of <paramref name="model"/>, extracted from <paramref name="compilation"/> after
    /// reading the bodies of <paramref name="methodsRead"/> from <paramref name="treesBound"/>.
    /// </summary>
    public static SourceDependencies Record(
        Compilation compilation,
        IEnumerable<SyntaxTree> treesBound,
        IEnumerable<IMethodSymbol> methodsRead,
        InterfaceModel model,
        CancellationToken ct)
    {
        Dictionary<string, SyntaxTree[]> byPath = TreesByPath(compilation);
        var declarations = new Dictionary<SyntaxTree, SortedSet<int>>();
        var wholeFiles = new HashSet<string>(StringComparer.Ordinal);

        // The bodies read: the analysis takes each through the method's (implementation's) declaring syntax.
        foreach (IMethodSymbol method in methodsRead)
        {
            foreach (SyntaxReference reference in (method.PartialImplementationPart ?? method).DeclaringSyntaxReferences)
            {
                SyntaxTree tree = reference.SyntaxTree;
                if (!compilation.ContainsSyntaxTree(tree))
                {
                    continue;
                }

                if (!IsAlone(byPath, tree))
                {
                    wholeFiles.Add(tree.FilePath);
                }
                else if (DeclarationIndex.Of(tree, ct).DeclarationOf(reference.GetSyntax(ct)) is int ordinal)
                {
                    DeclarationsIn(declarations, tree).Add(ordinal);
                }
            }
        }

        foreach (SyntaxTree tree in treesBound)
        {
            if (!declarations.ContainsKey(tree))
            {
                wholeFiles.Add(tree.FilePath);
            }
        }

        // Provenance holds offsets and lines: each must lie in a declaration depended on (which then
        // says where it moved), else the model depends on its whole file.
        foreach (Provenance place in ModelRelocation.ProvenancesOf(model))
        {
            if (wholeFiles.Contains(place.FilePath))
            {
                continue;
            }

            SyntaxTree[] trees = TreesAt(byPath, place.FilePath);
            if (trees.Length == 1 && DeclarationIndex.Of(trees[0], ct).DeclarationSpanning(place.Start, place.Length) is int ordinal)
            {
                DeclarationsIn(declarations, trees[0]).Add(ordinal);
            }
            else
            {
                wholeFiles.Add(place.FilePath);
            }
        }

        var files = new List<FileDependency>();
        foreach (string path in wholeFiles)
        {
            files.Add(new FileDependency(path, Texts(TreesAt(byPath, path), ct), Declarations: null, Directives: null));
        }

        foreach (KeyValuePair<SyntaxTree, SortedSet<int>> file in declarations)
        {
            if (!wholeFiles.Contains(file.Key.FilePath))
            {
                DeclarationIndex index = DeclarationIndex.Of(file.Key, ct);
                DeclarationDependency[] read = file.Value
                    .Select(ordinal => new DeclarationDependency(ordinal, index.ChecksumOf(ordinal, ct), index.PlaceOf(ordinal, ct)))
                    .ToArray();
                files.Add(new FileDependency(file.Key.FilePath, Texts(new[] { file.Key }, ct), read, index.Directives));
            }
        }

        return new SourceDependencies(files.OrderBy(f => f.Path, StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// Whether the model holds in <paramref name="compilation"/> (whose fingerprint is the one it was
    /// recorded under): every file depended on whole has the same text, and every declaration depended
    /// on has the same text, maybe elsewhere in its file (then the check lists the moves).
    /// </summary>
    public DependencyCheck CheckIn(Compilation compilation, CancellationToken ct)
    {
        Dictionary<string, SyntaxTree[]> byPath = TreesByPath(compilation);
        List<DeclarationMove>? moves = null;
        FileDependency[]? updated = null;
        for (int f = 0; f < _files.Length; f++)
        {
            FileDependency file = _files[f];
            SyntaxTree[] trees = TreesAt(byPath, file.Path);
            if (SameTexts(trees, file.Texts, ct))
            {
                continue;
            }

            if (file.Declarations is null || trees.Length != 1)
            {
                return DependencyCheck.Broken;
            }

            DeclarationIndex index = DeclarationIndex.Of(trees[0], ct);
            if (!string.Equals(index.Directives, file.Directives, StringComparison.Ordinal))
            {
                return DependencyCheck.Broken;
            }

            var declarations = new DeclarationDependency[file.Declarations.Length];
            for (int d = 0; d < declarations.Length; d++)
            {
                DeclarationDependency declaration = file.Declarations[d];
                if (declaration.Ordinal >= index.Count
                    || !string.Equals(index.ChecksumOf(declaration.Ordinal, ct), declaration.Checksum, StringComparison.Ordinal))
                {
                    return DependencyCheck.Broken;
                }

                DeclarationPlace now = index.PlaceOf(declaration.Ordinal, ct);
                if (now != declaration.Place)
                {
                    (moves ??= new()).Add(new DeclarationMove(file.Path, declaration.Place, now, index[declaration.Ordinal]));
                }

                declarations[d] = declaration with { Place = now };
            }

            // The text differs but the declarations do not: the next check of this file takes the fast path.
            updated ??= (FileDependency[])_files.Clone();
            updated[f] = file with { Texts = Texts(trees, ct), Declarations = declarations };
        }

        return updated is null
            ? DependencyCheck.Unchanged
            : DependencyCheck.Holds(moves ?? (IReadOnlyList<DeclarationMove>)Array.Empty<DeclarationMove>(), new SourceDependencies(updated));
    }

    /// <summary>
    /// Whether every file depended on has the same text in <paramref name="compilation"/> as when these were
    /// recorded or last updated: the fast path of <see cref="CheckIn"/> (one checksum comparison per file), where
    /// the model holds as it is, without moves. False says nothing either way (a body elsewhere in a file changed).
    /// </summary>
    public bool UnchangedIn(Compilation compilation, CancellationToken ct)
    {
        Dictionary<string, SyntaxTree[]> byPath = TreesByPath(compilation);
        foreach (FileDependency file in _files)
        {
            if (!SameTexts(TreesAt(byPath, file.Path), file.Texts, ct))
            {
                return false;
            }
        }

        return true;
    }

    private static SortedSet<int> DeclarationsIn(Dictionary<SyntaxTree, SortedSet<int>> declarations, SyntaxTree tree)
    {
        if (!declarations.TryGetValue(tree, out SortedSet<int>? ordinals))
        {
            declarations[tree] = ordinals = new SortedSet<int>();
        }

        return ordinals;
    }

    // Tests often give every tree the same empty path; a declaration is placed by path, so such files are depended on whole.
    private static bool IsAlone(Dictionary<string, SyntaxTree[]> byPath, SyntaxTree tree) => TreesAt(byPath, tree.FilePath).Length == 1;

    // Built once per compilation; a validation (once per reused model) then allocates nothing.
    private static Dictionary<string, SyntaxTree[]> TreesByPath(Compilation compilation) =>
        s_treesByPath.GetValue(compilation, static c => c.SyntaxTrees
            .GroupBy(t => t.FilePath, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal));

    private static SyntaxTree[] TreesAt(Dictionary<string, SyntaxTree[]> byPath, string path) =>
        byPath.TryGetValue(path, out SyntaxTree[]? trees) ? trees : Array.Empty<SyntaxTree>();

    private static ImmutableArray<byte>[] Texts(SyntaxTree[] trees, CancellationToken ct) => trees.Select(t => Checksum(t, ct)).ToArray();

    private static bool SameTexts(SyntaxTree[] trees, ImmutableArray<byte>[] texts, CancellationToken ct)
    {
        if (trees.Length != texts.Length)
        {
            return false;
        }

        for (int i = 0; i < trees.Length; i++)
        {
            if (!Checksum(trees[i], ct).SequenceEqual(texts[i]))
            {
                return false;
            }
        }

        return true;
    }

    // SourceText computes its checksum once and keeps it, and the compiler needs it anyway (PDBs).
    private static ImmutableArray<byte> Checksum(SyntaxTree tree, CancellationToken ct) => tree.GetText(ct).GetChecksum();

    /// <summary>
    /// A file depended on: the checksums of its trees when recorded (equal: nothing to check further),
    /// and either nothing more (the whole file must be the same) or the declarations read in it.
    /// </summary>
    private sealed record FileDependency(string Path, ImmutableArray<byte>[] Texts, DeclarationDependency[]? Declarations, string? Directives);

    /// <summary>A declaration read: its ordinal in the <see cref="DeclarationIndex"/>, its text's checksum, where it was.</summary>
    private readonly record struct DeclarationDependency(int Ordinal, string Checksum, DeclarationPlace Place);
}

/// <summary>A declaration depended on that has the same text in another place.</summary>
/// <param name="Path">Its file.</param>
/// <param name="From">Where it was when the model was extracted (or last relocated).</param>
/// <param name="To">Where it is now.</param>
/// <param name="Declaration">The declaration now.</param>
internal sealed record DeclarationMove(string Path, DeclarationPlace From, DeclarationPlace To, SyntaxNode Declaration);

/// <summary>The outcome of <see cref="SourceDependencies.CheckIn"/>.</summary>
internal sealed class DependencyCheck
{
    private DependencyCheck(bool holds, IReadOnlyList<DeclarationMove> moves, SourceDependencies? updated)
    {
        HoldsIn = holds;
        Moves = moves;
        Updated = updated;
    }

    /// <summary>Something depended on changed: the model must be extracted again.</summary>
    public static DependencyCheck Broken { get; } = new(false, Array.Empty<DeclarationMove>(), null);

    /// <summary>Every file depended on has the same text.</summary>
    public static DependencyCheck Unchanged { get; } = new(true, Array.Empty<DeclarationMove>(), null);

    /// <summary>Whether the declarations depended on have the same text (the model holds, once relocated by <see cref="Moves"/>).</summary>
    public bool HoldsIn { get; }

    /// <summary>Declarations depended on that moved.</summary>
    public IReadOnlyList<DeclarationMove> Moves { get; }

    /// <summary>The dependencies as they are now, when some file's text changed; null when none did.</summary>
    public SourceDependencies? Updated { get; }

    /// <summary>The declarations hold, some files changed, and <paramref name="moves"/> moved.</summary>
    public static DependencyCheck Holds(IReadOnlyList<DeclarationMove> moves, SourceDependencies updated) => new(true, moves, updated);
}
