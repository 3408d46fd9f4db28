using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Model;
using Pix.Testing;

namespace Pix.Extractor.Tests;

/// <summary>Builds models from C# source for the extractor tests.</summary>
internal static class Extraction
{
    public const string Usings = "using System; using System.Collections.Generic; using Pix;\n";

    /// <summary>Extracts the interface of <c>C.{method}</c> in <paramref name="source"/> (which must compile unless <paramref name="allowErrors"/>).</summary>
    public static InterfaceModel Extract(string source, string method = "M", ExtractionOptions? options = null, bool allowErrors = false)
    {
        Compilation compilation = TestCompilation.Create(new[] { Usings + source });
        if (!allowErrors)
        {
            TestCompilation.AssertNoErrors(compilation);
        }

        IMethodSymbol symbol = FindMethod(compilation, method);
        return InterfaceExtractor.Extract(symbol, compilation, options ?? ExtractionOptions.Default, CancellationToken.None);
    }

    public static IMethodSymbol FindMethod(Compilation compilation, string method)
    {
        INamedTypeSymbol type = compilation.Assembly.GetTypeByMetadataName("C") ?? throw new Xunit.Sdk.XunitException("No type C.");
        return type.GetMembers(method).OfType<IMethodSymbol>().First();
    }

    /// <summary>Latency in ns on the reference profile for the given quantity values.</summary>
    public static double Ns(this InterfaceModel model, params (string Name, double Value)[] values) =>
        ModelEvaluator.Evaluate(model, values.ToDictionary(v => v.Name, v => v.Value), HardwareProfile.Reference).Nanoseconds;

    /// <summary>The single piece's term whose description contains <paramref name="text"/>.</summary>
    public static Term TermAbout(this InterfaceModel model, string text) =>
        model.Pieces.Last().Terms.Single(t => t.Description.Contains(text));

    public static string Dump(this InterfaceModel model)
    {
        var lines = new List<string> { model.MethodName };
        lines.AddRange(model.Quantities.Select(q => $"  q {q.Name} [{q.Kind}] = {q.Expression} bound {q.Bound}"));
        foreach (Piece piece in model.Pieces)
        {
            lines.Add($"  piece when {piece.When} ({piece.Origin})");
            lines.AddRange(piece.Terms.Select(t => $"    {t.Count} × [{string.Join(", ", t.Block.Operations)}] chain [{string.Join(", ", t.Block.Chain)}] folded {t.Block.FoldedLoads} taken {t.Block.TakenBranches} opaque [{string.Join(", ", t.Block.Opaque)}] — {t.Description} @{t.Origin.Line}"));
        }

        lines.AddRange(model.Gaps.Select(g => $"  gap {g.Kind}: {g.Construct} @{g.Where.Line}"));
        return string.Join("\n", lines);
    }
}
