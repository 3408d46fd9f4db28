using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pix.Targets;

namespace Pix.Extraction.Caching;

/// <summary>
/// A hash of everything in a compilation that can change how a method body binds, except the bodies
/// themselves: every declaration (types, member signatures, attributes, constants, field
/// initializers, usings), the parse and compilation options, and the referenced assemblies. Two
/// compilations with the same fingerprint bind an unchanged body to the same symbols, so a model
/// extracted in one holds in the other as long as the bodies it read are unchanged too
/// (<see cref="SourceDependencies"/>). This is the split the IDE makes between "top-level" and
/// "body" edits: typing inside a method changes no fingerprint.
/// </summary>
/// <remarks>
/// Per-tree hashes are kept per <see cref="SyntaxTree"/> object and per-reference tokens per
/// <see cref="MetadataReference"/> object, so a keystroke costs one tree's walk. Pix's own generated
/// files are left out: the generator's compilation does not have them and the analyzers' does, and
/// the two should share their models.
/// </remarks>
internal static class DeclarationFingerprint
{
    private static readonly ConditionalWeakTable<SyntaxTree, string> s_trees = new();
    private static readonly ConditionalWeakTable<MetadataReference, string> s_references = new();
    private static readonly ConditionalWeakTable<Compilation, string> s_compilations = new();
    private static long s_unidentifiedReferences;

    /// <summary>The fingerprint of <paramref name="compilation"/> (computed once per compilation object).</summary>
    public static string Of(Compilation compilation) =>
        s_compilations.GetValue(compilation, static c => Compute(c));

    /// <summary>
    /// Whether <paramref name="compilation"/> holds Pix's own generated files, which the fingerprint leaves out:
    /// the analyzers' compilation does, the generator's does not (unless a project compiles a copy of them).
    /// </summary>
    public static bool HoldsPixOutput(Compilation compilation) =>
        compilation.SyntaxTrees.Any(t => t.FilePath.EndsWith(MethodSupport.GeneratedFileSuffix, StringComparison.Ordinal));

    private static string Compute(Compilation compilation)
    {
        var text = new StringBuilder();
        text.Append(compilation.Language).Append('\u0001');
        if (compilation.Options is CSharpCompilationOptions options)
        {
            text.Append(options.CheckOverflow).Append(options.AllowUnsafe).Append(options.NullableContextOptions)
                .Append(options.OptimizationLevel).Append(options.Platform).Append('\u0001');
        }

        foreach (MetadataReference reference in compilation.References)
        {
            text.Append(s_references.GetValue(reference, static r => ReferenceToken(r))).Append('\u0001');
        }

        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (tree.FilePath.EndsWith(MethodSupport.GeneratedFileSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            text.Append(tree.FilePath).Append('\u0002').Append(s_trees.GetValue(tree, static t => TreeHash(t))).Append('\u0001');
        }

        return Hash(text);
    }

    /// <summary>
    /// The declarations of one tree: its tokens outside member bodies (a body stands as one marker),
    /// with the language version and preprocessor symbols it was parsed with. Trivia is not part of
    /// it, so comments and formatting outside bodies change nothing.
    /// </summary>
    private static string TreeHash(SyntaxTree tree)
    {
        var text = new StringBuilder();
        if (tree.Options is CSharpParseOptions parse)
        {
            text.Append(parse.LanguageVersion).Append('|').Append(string.Join(",", parse.PreprocessorSymbolNames)).Append('\u0001');
        }

        foreach (SyntaxNodeOrToken item in tree.GetRoot().DescendantNodesAndTokens(static node => !DeclarationIndex.IsBody(node)))
        {
            if (item.IsToken)
            {
                text.Append(item.AsToken().Text).Append('\u0001');
            }
            else if (DeclarationIndex.IsBody(item.AsNode()!))
            {
                text.Append(MentionsField(item.AsNode()!) ? "\u0003body+field\u0001" : "\u0003body\u0001");
            }
        }

        return Hash(text);
    }

    /// <summary>
    /// Whether an accessor's body says <c>field</c>: in C# 14 that keyword gives the property a backing field,
    /// which changes its type's layout (and what a struct element costs to address) for every other body, so
    /// a body starting or ceasing to use it is a declaration change. Read as text, for any language version
    /// (Pix is built against an older compiler): a local named <c>field</c> only costs a cache miss.
    /// </summary>
    private static bool MentionsField(SyntaxNode body) =>
        body.Parent is AccessorDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax
        && body.DescendantTokens().Any(static t => t.ValueText == "field");

    /// <summary>
    /// What identifies a reference's content: the module version IDs of an assembly image (a rebuilt
    /// dependency at the same path gets new ones), a referenced compilation's own fingerprint (a
    /// project reference in the IDE), or, for anything else, the reference object itself.
    /// </summary>
    private static string ReferenceToken(MetadataReference reference) =>
        ContentToken(reference) + "|" + string.Join(",", reference.Properties.Aliases) + (reference.Properties.EmbedInteropTypes ? "|embed" : "");

    private static string ContentToken(MetadataReference reference)
    {
        switch (reference)
        {
            case CompilationReference compilationReference:
                return "compilation:" + Of(compilationReference.Compilation);
            case PortableExecutableReference image:
                try
                {
                    var ids = new StringBuilder("image:");
                    switch (image.GetMetadata())
                    {
                        case AssemblyMetadata assembly:
                            foreach (ModuleMetadata module in assembly.GetModules())
                            {
                                ids.Append(module.GetModuleVersionId().ToString("N")).Append(',');
                            }

                            return ids.ToString();
                        case ModuleMetadata module:
                            return ids.Append(module.GetModuleVersionId().ToString("N")).ToString();
                    }
                }
                catch (Exception exception) when (exception is BadImageFormatException or System.IO.IOException or InvalidOperationException)
                {
                    // Unreadable here means unreadable to the compiler too; fall through to identity.
                }

                break;
        }

        return "object:" + System.Threading.Interlocked.Increment(ref s_unidentifiedReferences).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Hash(StringBuilder text)
    {
        using SHA256 sha = SHA256.Create();
        byte[] digest = sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString()));
        var hex = new StringBuilder(digest.Length * 2);
        foreach (byte b in digest)
        {
            hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }
}
