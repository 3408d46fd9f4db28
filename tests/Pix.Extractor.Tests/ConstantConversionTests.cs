using System.Linq;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// Constants of every type reach the extractor where numbers could stand. Decompiled YamlDotNet
/// (docs/robustness.md) made it throw InvalidCastException on char constants; these are the shapes.
/// </summary>
public sealed class ConstantConversionTests
{
    [Theory]
    [InlineData("return c >= 'a' && c <= 'z' ? 1 : 0;")]
    [InlineData("int s = 0; for (char x = 'a'; x <= 'z'; x++) { s += x; } return s;")]
    [InlineData("int s = 0; for (int i = 0; i < n; i += 'b' - 'a') { s++; } return s;")]
    [InlineData("string t = \"\"; for (int i = 0; i < n; i++) { t = t + \"x\"; } return t.Length;")]
    [InlineData("return n > 'A' ? n - 'A' : 0;")]
    public void Char_string_and_bool_constants_never_throw(string body)
    {
        InterfaceModel model = Extraction.Extract($"static class C {{ public static int M(int n, char c) {{ {body} }} }}");
        Assert.NotEmpty(model.Pieces);
        var values = model.Pcvs.Where(p => p.Bound is null).Select(p => (p.Name, 1.0))
            .Append(("n", 10.0)).Append(("c", (double)'q')).ToArray();
        Assert.True(model.Ns(values) >= 0);
    }

    [Fact]
    public void A_char_bounded_loop_counts_its_code_points()
    {
        InterfaceModel model = Extraction.Extract("static class C { public static int M() { int s = 0; for (char x = 'a'; x <= 'z'; x++) { s += x; } return s; } }");
        InterfaceModel ten = Extraction.Extract("static class C { public static int M() { int s = 0; for (int x = 0; x < 26; x++) { s += x; } return s; } }");
        Assert.Equal(ten.Ns(), model.Ns(), 6);
    }
}
