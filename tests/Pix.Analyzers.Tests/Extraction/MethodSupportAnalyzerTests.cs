using System.Threading.Tasks;
using Verify = Pix.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Pix.Analyzers.Extraction.MethodSupportAnalyzer>;

namespace Pix.Analyzers.Tests.Extraction;

public sealed class MethodSupportAnalyzerTests
{
    [Fact]
    public Task Partial_types_are_fine() => Verify.VerifyAsync("""
        using Pix;
        public static partial class Outer
        {
            public partial class Inner
            {
                [PerformanceInterface]
                public int Sum(int[] a) { int s = 0; foreach (int x in a) s += x; return s; }
            }
        }
        """);

    [Fact]
    public Task Non_partial_type_is_PIX0001() => Verify.VerifyAsync("""
        using Pix;
        public static class Checksums
        {
            [PerformanceInterface]
            public static int {|PIX0001:Sum|}(int[] a) => a.Length;
        }
        """);

    [Fact]
    public Task Non_partial_outer_type_is_PIX0001_naming_it() => Verify.VerifyAsync(
        """
        using Pix;
        public class Outer
        {
            public partial class Inner
            {
                [PerformanceInterface]
                public int {|#0:Sum|}(int[] a) => a.Length;
            }
        }
        """,
        Verify.Diagnostic("PIX0001").WithLocation(0).WithArguments("Outer", "Sum"));

    [Fact]
    public Task Constructor_is_PIX0003() => Verify.VerifyAsync("""
        using Pix;
        public partial class Parser
        {
            [PerformanceInterface]
            public {|PIX0003:Parser|}(string text) { }
        }
        """);

    [Fact]
    public Task Abstract_method_is_PIX0003() => Verify.VerifyAsync("""
        using Pix;
        public abstract partial class Shape
        {
            [PerformanceInterface]
            public abstract double {|PIX0003:Area|}();
        }
        """);

    [Fact]
    public Task Local_function_is_PIX0003() => Verify.VerifyAsync("""
        using Pix;
        public partial class C
        {
            public int M(int n)
            {
                return Twice(n);

                [PerformanceInterface]
                static int {|PIX0003:Twice|}(int x) => 2 * x;
            }
        }
        """);

    [Fact]
    public Task Unattributed_methods_are_ignored() => Verify.VerifyAsync("""
        public class Plain
        {
            public Plain() { }
            public int M() => 1;
        }
        """);
}
