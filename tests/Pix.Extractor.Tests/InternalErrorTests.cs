using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Model;
using Pix.Testing;

namespace Pix.Extractor.Tests;

/// <summary>A bug in the extractor becomes an InternalError gap on that method only, never an exception.</summary>
public sealed class InternalErrorTests
{
    private const string Source = Extraction.Usings + @"
static class C
{
    public static int FaultyOnPurpose(int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; }
    public static int Healthy(int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; }
}";

    [Fact]
    public void An_exception_inside_the_extractor_becomes_an_internal_error_gap()
    {
        Compilation compilation = TestCompilation.Create(new[] { Source });
        InterfaceExtractor.FaultForTesting = m =>
        {
            if (m.Name == "FaultyOnPurpose")
            {
                throw new InvalidCastException("injected by the test");
            }
        };
        try
        {
            InterfaceModel faulty = InterfaceExtractor.Extract(Extraction.FindMethod(compilation, "FaultyOnPurpose"), compilation, ExtractionOptions.Default, CancellationToken.None);
            InterfaceModel healthy = InterfaceExtractor.Extract(Extraction.FindMethod(compilation, "Healthy"), compilation, ExtractionOptions.Default, CancellationToken.None);

            Gap gap = Assert.Single(faulty.Gaps);
            Assert.Equal(GapKind.InternalError, gap.Kind);
            Assert.Contains("System.InvalidCastException: injected by the test", gap.Reason);
            Piece piece = Assert.Single(faulty.Pieces);
            Assert.IsType<TrueGuard>(piece.When);
            Assert.Empty(piece.Terms);

            Assert.DoesNotContain(healthy.Gaps, g => g.Kind == GapKind.InternalError);
            Assert.True(healthy.Ns(("n", 100)) > healthy.Ns(("n", 10)));
        }
        finally
        {
            InterfaceExtractor.FaultForTesting = null;
        }
    }

    [Fact]
    public void Cancellation_is_not_swallowed()
    {
        Compilation compilation = TestCompilation.Create(new[] { Source });
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            InterfaceExtractor.Extract(Extraction.FindMethod(compilation, "Healthy"), compilation, ExtractionOptions.Default, cancelled.Token));
    }

    [Fact]
    public void The_same_method_in_the_same_compilation_is_extracted_once()
    {
        Compilation compilation = TestCompilation.Create(new[] { Source });
        IMethodSymbol method = Extraction.FindMethod(compilation, "Healthy");
        InterfaceModel first = InterfaceExtractor.Extract(method, compilation, ExtractionOptions.Default, CancellationToken.None);
        InterfaceModel second = InterfaceExtractor.Extract(method, compilation, ExtractionOptions.Default, CancellationToken.None);
        Assert.Same(first, second);

        InterfaceModel otherOptions = InterfaceExtractor.Extract(method, compilation, ExtractionOptions.Default with { DefaultResolution = 0 }, CancellationToken.None);
        Assert.NotSame(first, otherOptions);
        Assert.Equal(first.Pieces, otherOptions.Pieces);
    }
}
