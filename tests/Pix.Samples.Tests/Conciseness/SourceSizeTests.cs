using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Pix.Samples.Tests.Conciseness;

public class SourceSizeTests(ITestOutputHelper output)
{
    public static IEnumerable<IMethodSymbol> EntryPoints(Compilation compilation)
    {
        INamedTypeSymbol attribute = compilation.GetTypeByMetadataName("Pix.PerformanceInterfaceAttribute")!;
        return compilation.SyntaxTrees
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>()
                .Select(m => (IMethodSymbol)compilation.GetSemanticModel(tree).GetDeclaredSymbol(m)!))
            .Where(m => m.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)))
            .OrderBy(m => m.ContainingType.Name, System.StringComparer.Ordinal);
    }

    [Fact]
    public void Every_network_function_has_an_annotated_entry_point()
    {
        string[] types = EntryPoints(SampleCompilation.Create()).Select(m => m.ContainingType.Name + "." + m.Name).ToArray();
        Assert.Equal(
            new[] { "Checksum.Update16", "LearningBridge.Forward", "LpmRouter.Route", "MaglevLoadBalancer.SelectBackend", "MaglevLoadBalancer.SetBackendHealth", "Nat.Process", "StatefulFirewall.Filter", "TokenBucketPolicer.Police" },
            types.OrderBy(t => t, System.StringComparer.Ordinal));
    }

    [Fact]
    public void The_call_graph_reaches_the_table_code_the_entry_point_uses()
    {
        Compilation compilation = SampleCompilation.Create();
        IMethodSymbol nat = EntryPoints(compilation).Single(m => m.ContainingType.Name == "Nat");

        SourceCallGraph graph = SourceCallGraph.Of(nat, compilation);

        string[] members = graph.SourceMembers.Select(m => m.ContainingType.Name + "." + m.Name).ToArray();
        Assert.Contains("NatFlowTable.Find", members);
        Assert.Contains("NatFlowTable.ExpireSeenBefore", members);
        Assert.Contains("PacketParser.TryParse", members);
        Assert.Contains("Checksum.Update16", members);
        Assert.DoesNotContain("Checksum.Compute", members); // only the traffic generator uses it
        Assert.Contains("BinaryPrimitives.ReadUInt16BigEndian", graph.LibraryMembers);
        foreach (ISymbol member in graph.SourceMembers)
        {
            output.WriteLine($"{member.ContainingType.Name}.{member.Name}");
        }
    }
}
