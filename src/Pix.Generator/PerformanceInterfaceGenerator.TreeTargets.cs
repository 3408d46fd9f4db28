using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pix.Extraction;
using Pix.Extraction.Caching;
using Pix.Generator.Model;
using Pix.Model;
using Pix.Targets;

namespace Pix.Generator;

public sealed partial class PerformanceInterfaceGenerator
{
    /// <summary>
    /// The annotate-all targets one syntax tree declares, with their specs, kept from one pass to the next so
    /// that a pass visits only what the edit can have changed. The IDE runs the generator on a new compilation
    /// per keystroke, and annotate-all's step reads the whole compilation; visiting every method again (its
    /// symbol, <see cref="MethodSupport.IsImplicitTarget"/>, a cache lookup, <see cref="ModelCheck"/>) cost
    /// more than re-analysing the methods the edit touched.
    /// </summary>
    /// <remarks>
    /// A tree's targets are kept under the compilation's <see cref="DeclarationFingerprint"/> and its path, with
    /// the checksum of its text: under one fingerprint the same text declares the same targets with the same
    /// specs' declaration part (what <see cref="Parser"/> already keeps per fingerprint). A target's model is
    /// reused while the files its extraction depended on have the same text
    /// (<see cref="SourceDependencies.UnchangedIn"/>): then the cross-compilation cache would serve that very
    /// model, so this adds no rule of its own. The one model kept here that the cache does not serve is one
    /// that met code with errors (<see cref="CrossCompilationCache.AddUnserved"/>): the generator's compilations
    /// never hold Pix's output, the reason the cache refuses it, and its binding depends on the same declarations
    /// and bodies as any other's (the caller keeps nothing when a compilation holds that output). Any other
    /// target (a callee's body changed in another file, a declaration of its own file moved) is parsed again, as
    /// every target of a changed tree is; the cache then decides what is re-analysed.
    /// </remarks>
    internal sealed class TreeTargets
    {
        // Keyed by the extraction options too: a project that changes PixBottomUpSummaries must not be served the
        // other mode's models.
        private static readonly FingerprintedStore<(ExtractionOptions Extraction, string Path), TreeTargets> s_kept = new();

        private readonly ImmutableArray<byte> _checksum;

        private TreeTargets(ImmutableArray<byte> checksum, ImmutableArray<Target> targets)
        {
            _checksum = checksum;
            Targets = targets;
        }

        /// <summary>The tree's targets in document order.</summary>
        public ImmutableArray<Target> Targets { get; }

        /// <summary>
        /// Tests and the corpus harness only: called for every spec taken from the previous pass without visiting
        /// its method, with the method's declaration, so that its model can be compared with a fresh extraction.
        /// </summary>
        internal static Action<Compilation, MethodDeclarationSyntax, InterfaceModel>? ReusedForTesting { get; set; }

        /// <summary>
        /// The targets of <paramref name="tree"/> in <paramref name="compilation"/>, their models extracted with
        /// <paramref name="extraction"/>. <paramref name="keep"/> is false when another tree has the same path (tests):
        /// such a tree is visited whole on every pass.
        /// </summary>
        public static TreeTargets Of(SyntaxTree tree, Compilation compilation, ExtractionOptions extraction, string fingerprint, bool keep, CancellationToken ct)
        {
            ImmutableArray<byte> checksum = tree.GetText(ct).GetChecksum();
            var key = (extraction, tree.FilePath);
            if (keep && s_kept.TryGet(fingerprint, key, out TreeTargets? kept) && kept!._checksum.SequenceEqual(checksum))
            {
                TreeTargets current = kept.Revalidated(tree, compilation, extraction, ct);
                if (!ReferenceEquals(current, kept))
                {
                    s_kept.Set(fingerprint, key, current);
                }

                return current;
            }

            var declarations = new Declarations(tree, compilation, extraction, ct);
            var targets = ImmutableArray.CreateBuilder<Target>();
            for (int ordinal = 0; ordinal < declarations.Count; ordinal++)
            {
                if (declarations.Visit(ordinal) is { } target)
                {
                    targets.Add(target);
                }
            }

            var fresh = new TreeTargets(checksum, targets.ToImmutable());
            if (keep)
            {
                s_kept.Set(fingerprint, key, fresh);
            }

            return fresh;
        }

        /// <summary>This tree's targets in <paramref name="compilation"/>, where it has the same text: this object when all still hold.</summary>
        private TreeTargets Revalidated(SyntaxTree tree, Compilation compilation, ExtractionOptions extraction, CancellationToken ct)
        {
            Declarations? declarations = null;
            var current = ImmutableArray.CreateBuilder<Target>(Targets.Length);
            bool changed = false;
            foreach (Target target in Targets)
            {
                ct.ThrowIfCancellationRequested();
                if (target.HoldsIn(compilation, ct))
                {
                    if (ReusedForTesting is { } reused && target.Spec is { } spec)
                    {
                        declarations ??= new Declarations(tree, compilation, extraction, ct);
                        reused(compilation, declarations[target.Ordinal], spec.Interface);
                    }

                    current.Add(target);
                    continue;
                }

                // The same text under the same declarations: the method is still a target, and Visit says so.
                declarations ??= new Declarations(tree, compilation, extraction, ct);
                changed = true;
                if (declarations.Visit(target.Ordinal) is { } revisited)
                {
                    current.Add(revisited);
                }
            }

            return changed ? new TreeTargets(_checksum, current.ToImmutable()) : this;
        }

        /// <summary>
        /// One annotate-all target: its method declaration's ordinal among the tree's, its spec (null when it gets
        /// no companion), the model that spec was decided on (null when the declaration decided) and what that
        /// model depends on (null when the cross-compilation cache does not keep it).
        /// </summary>
        internal readonly record struct Target(int Ordinal, LatencyMethodSpec? Spec, InterfaceModel? Model, SourceDependencies? Dependencies)
        {
            /// <summary>Whether parsing the method again in <paramref name="compilation"/> would give the same spec.</summary>
            public bool HoldsIn(Compilation compilation, CancellationToken ct) =>
                Model is null || (Dependencies is { } dependencies && dependencies.UnchangedIn(compilation, ct));
        }

        /// <summary>A tree's method declarations in document order (bodies are not walked), and what each one's method gets.</summary>
        private sealed class Declarations
        {
            private readonly List<MethodDeclarationSyntax> _methods;
            private readonly Compilation _compilation;
            private readonly ExtractionOptions _extraction;
            private readonly SemanticModel _semanticModel;
            private readonly CancellationToken _ct;

            public Declarations(SyntaxTree tree, Compilation compilation, ExtractionOptions extraction, CancellationToken ct)
            {
                _methods = tree.GetRoot(ct)
                    .DescendantNodes(static node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
                    .OfType<MethodDeclarationSyntax>()
                    .ToList();
                _compilation = compilation;
                _extraction = extraction;
                _semanticModel = compilation.GetSemanticModel(tree);
                _ct = ct;
            }

            public int Count => _methods.Count;

            public MethodDeclarationSyntax this[int ordinal] => _methods[ordinal];

            /// <summary>The target the method declared at <paramref name="ordinal"/> is, or null when it is none.</summary>
            public Target? Visit(int ordinal)
            {
                _ct.ThrowIfCancellationRequested();

                // A partial method is one member: visited where its definition is declared, as the type's members list it.
                if (_semanticModel.GetDeclaredSymbol(_methods[ordinal], _ct) is not IMethodSymbol method
                    || method.PartialDefinitionPart is not null
                    || !MethodSupport.IsImplicitTarget(method, _ct))
                {
                    return null;
                }

                LatencyMethodSpec? spec = Parser.Parse(method, _compilation, explicitResolution: null, _extraction, _ct, out InterfaceModel? model);
                SourceDependencies? dependencies = model is null ? null : CrossCompilationCache.DependenciesOf(_compilation, method, _extraction, model);
                return new Target(ordinal, spec, model, dependencies);
            }
        }
    }
}
