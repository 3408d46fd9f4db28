using System.Linq;
using Microsoft.CodeAnalysis;
using Pix.Extraction.Analysis;
using Pix.Library;
using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// Facts of a method symbol the analysis asks at every call it lowers are memoised per symbol (docs/robustness.md,
/// "Fourteenth session: the tail made cheaper"): the memo must answer as the lookup it stands for, for a method with
/// a library model, one without, and when asked again.
/// </summary>
public sealed class PerSymbolMemoTests
{
    [Fact]
    public void The_library_model_memo_answers_as_the_catalog()
    {
        Compilation compilation = Pix.Testing.TestCompilation.Create(new[] { "class X {}" });
        INamedTypeSymbol math = compilation.GetTypeByMetadataName("System.Math")!;
        IMethodSymbol[] methods = math.GetMembers().OfType<IMethodSymbol>().ToArray();
        Assert.Contains(methods, m => LibraryCatalog.Find(m) is not null);
        Assert.Contains(methods, m => LibraryCatalog.Find(m) is null);

        for (int pass = 0; pass < 2; pass++)
        {
            Assert.All(methods, m => Assert.Same(LibraryCatalog.Find(m), LibraryModels.Of(m)));
        }
    }

    [Fact]
    public void The_display_name_memo_answers_as_the_symbol_display()
    {
        Compilation compilation = Pix.Testing.TestCompilation.Create(new[] { "class C { int F(int a) => a; long F(long a) => a; }" });
        IMethodSymbol[] overloads = compilation.GetTypeByMetadataName("C")!.GetMembers("F").OfType<IMethodSymbol>().ToArray();

        for (int pass = 0; pass < 2; pass++)
        {
            Assert.Equal(new[] { "C.F(int)", "C.F(long)" }, overloads.Select(DisplayNames.Of));
        }
    }
}
