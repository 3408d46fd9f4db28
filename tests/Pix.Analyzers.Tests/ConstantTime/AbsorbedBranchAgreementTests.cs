using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.ConstantTime;
using Pix.Extraction;
using Pix.Model;
using Pix.Testing;

namespace Pix.Analyzers.Tests.ConstantTime;

/// <summary>
/// A branch on a secret whose arms differ by less than the resolution is no gap of the merged interface
/// (docs/extractor.md, "Branches within the resolution"), but it still leaks: the cross-check reads the
/// branches the resolution absorbed as it reads the gaps.
/// </summary>
public sealed class AbsorbedBranchAgreementTests
{
    private const string Source = @"
using Pix;
public static class Secrets
{
    [ConstantTime, PerformanceInterface]
    public static long Mix([Secret] long[] key, [Public] long[] d)
    {
        long a = d[0] * d[1] + d[2] * d[3] + d[4] * d[5] + d[6] * d[7];
        long b = d[8] * d[9] + d[10] * d[11] + d[12] * d[13] + d[14] * d[15];
        long c = a / (b | 1) + b / (a | 1);
        if (key[0] > 0) c += d[16]; else c -= 2;
        return c;
    }
}";

    [Fact]
    public void A_secret_branch_within_the_resolution_is_still_a_dependency()
    {
        Compilation compilation = TestCompilation.CreateNamed("Absorbed", Source);
        TestCompilation.AssertNoErrors(compilation);
        IMethodSymbol method = compilation.GetTypeByMetadataName("Secrets")!.GetMembers("Mix").OfType<IMethodSymbol>().Single();
        ConstantTimeSymbols symbols = ConstantTimeSymbols.Create(compilation)!;
        ConstantTimeReport report = new ConstantTimeEngine(compilation, symbols).Check(method, CancellationToken.None)!;
        InterfaceModel model = InterfaceExtractor.Extract(method, compilation, ExtractionOptions.Default with { DefaultResolution = 0.05 }, CancellationToken.None);
        var solver = Pix.Solver.SolverEngine.CreateDefault(Pix.Solver.SolverOptions.Default);

        ImmutableArray<SecretQuantity> dependencies = InterfaceAgreement.SecretDependencies(model, method, report, compilation, symbols, solver, CancellationToken.None);

        Assert.Empty(model.Gaps);
        Assert.Single(model.GapsWithinResolution);
        SecretQuantity dependency = Assert.Single(dependencies);
        Assert.Equal("data branch", dependency.Kind);
        Assert.Equal("key", dependency.Secret);
    }
}
