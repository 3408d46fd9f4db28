using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pix.Extraction;
using Pix.Extraction.Caching;
using Pix.Generator.Model;
using Pix.Targets;

namespace Pix.Generator;

public sealed partial class PerformanceInterfaceGenerator
{
    /// <summary>
    /// Annotate-all mode (<c>PixAnnotateAll=true</c>): every method <see cref="MethodSupport.IsImplicitTarget"/>
    /// accepts gets a companion as if it were <c>[PerformanceInterface]</c>.
    /// </summary>
    /// <remarks>
    /// Methods of types that are not partial get nothing: no member can be added to such a type, and a
    /// companion elsewhere (a static class taking the instance) could not read the private state the
    /// interface's quantities name (<c>_count</c>, <c>this.items.Length</c>). The corpus harness counts them.
    /// </remarks>
    internal static class AnnotateAll
    {
        /// <summary>The project's <c>build_property.PixAnnotateAll</c>; off unless it reads <c>true</c>.</summary>
        public static bool IsEnabled(AnalyzerConfigOptions options) =>
            options.TryGetValue(MethodSupport.AnnotateAllBuildProperty, out string? text) && MethodSupport.IsAnnotateAllEnabled(text);

        /// <summary>
        /// The specs of every implicit target of <paramref name="compilation"/>, extracted with <paramref name="extraction"/>,
        /// tree by tree in document order.
        /// A tree whose text is unchanged since the last pass under the same declarations is not walked again:
        /// only its targets whose models depend on a changed file are (<see cref="TreeTargets"/>).
        /// </summary>
        public static ImmutableArray<LatencyMethodSpec> Parse(Compilation compilation, ExtractionOptions extraction, CancellationToken ct)
        {
            string fingerprint = DeclarationFingerprint.Of(compilation);
            var paths = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                paths[tree.FilePath] = paths.TryGetValue(tree.FilePath, out int count) ? count + 1 : 1;
            }

            // Targets are kept from one pass to the next only among compilations without Pix's output, the
            // generator's own: a model that met code with errors is kept too, and a call to a companion binds
            // differently with that output, which no fingerprint or dependency sees (it is left out of both).
            bool keepAny = !DeclarationFingerprint.HoldsPixOutput(compilation);
            var specs = ImmutableArray.CreateBuilder<LatencyMethodSpec>();
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                ct.ThrowIfCancellationRequested();
                bool keep = keepAny && paths[tree.FilePath] == 1;
                foreach (TreeTargets.Target target in TreeTargets.Of(tree, compilation, extraction, fingerprint, keep, ct).Targets)
                {
                    if (target.Spec is { } spec)
                    {
                        specs.Add(spec);
                    }
                }
            }

            return specs.ToImmutable();
        }

        /// <summary>
        /// The explicit and implicit specs together. With the mode on, a companion whose base type's method of
        /// the same name also gets one hides it on purpose (<c>new</c>), as between annotated methods.
        /// </summary>
        public static ImmutableArray<LatencyMethodSpec> Merge(ImmutableArray<LatencyMethodSpec> annotated, ImmutableArray<LatencyMethodSpec> implicitTargets, bool enabled) =>
            !enabled
                ? annotated
                : annotated.Concat(implicitTargets)
                    .Select(s => s.HidesImplicitBaseCompanion && !s.HidesBaseCompanion ? s with { HidesBaseCompanion = true } : s)
                    .ToImmutableArray();
    }
}
