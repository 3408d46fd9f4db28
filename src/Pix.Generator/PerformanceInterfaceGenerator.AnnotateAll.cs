using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
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

        /// <summary>The specs of every implicit target of <paramref name="compilation"/>, in declaration order.</summary>
        public static ImmutableArray<LatencyMethodSpec> Parse(Compilation compilation, CancellationToken ct)
        {
            var specs = ImmutableArray.CreateBuilder<LatencyMethodSpec>();
            foreach (INamedTypeSymbol type in SourceTypes(compilation.Assembly.GlobalNamespace))
            {
                foreach (ISymbol member in type.GetMembers())
                {
                    ct.ThrowIfCancellationRequested();
                    if (member is IMethodSymbol method && MethodSupport.IsImplicitTarget(method, ct)
                        && Parser.Parse(method, compilation, explicitResolution: null, ct) is { } spec)
                    {
                        specs.Add(spec);
                    }
                }
            }

            return specs.ToImmutable();
        }

        /// <summary>Every type declared in source, nested types included (iteratively: nesting depth is the user's).</summary>
        private static IEnumerable<INamedTypeSymbol> SourceTypes(INamespaceSymbol root)
        {
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                INamespaceOrTypeSymbol current = pending.Pop();
                if (current is INamedTypeSymbol type && type.Locations.Any(l => l.IsInSource))
                {
                    yield return type;
                }

                foreach (INamespaceOrTypeSymbol member in current.GetMembers().OfType<INamespaceOrTypeSymbol>().Reverse())
                {
                    if (member is INamespaceSymbol || member.Locations.Any(l => l.IsInSource))
                    {
                        pending.Push(member);
                    }
                }
            }
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
