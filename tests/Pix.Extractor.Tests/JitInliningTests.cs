using System.Linq;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// Which source calls the caller pays a <c>call</c> for: the JIT inlines direct calls to loop-free methods however
/// large or branchy (Tier 1 with dynamic PGO considers up to 1,024 IL bytes), and keeps the others (JitInlining).
/// </summary>
public sealed class JitInliningTests
{
    // Too large and too branchy for a small leaf (MethodSummary.IsInlineCandidate), yet loop-free: the JIT inlines it.
    private const string Parser = @"
            static int Parse(byte[] p, int at) {
                if (p[at] == 0) return -1;
                int a = p[at + 1] * 3 + p[at + 2] * 5 + p[at + 3] * 7 + p[at + 4] * 11;
                int b = p[at + 5] ^ p[at + 6] ^ p[at + 7] ^ p[at + 8];
                return a > b ? a - b : b - a; }";

    private static double CallsOf(string members, string body = "return Parse(p, 0);")
    {
        InterfaceModel model = Extraction.Extract($@"static class C {{
            public static int M(byte[] p) {{ {body} }}
            {members} }}", options: Pix.Extraction.ExtractionOptions.Default with { DefaultResolution = 0 });
        // Per piece, every term's calls: a [PerformanceInterface] callee's code is a term of its own.
        return model.Pieces.Max(piece => piece.Terms.Sum(t => t.Block.CountOf(OperationClass.Call)));
    }

    [Fact]
    public void A_direct_call_to_a_loop_free_method_costs_no_call()
    {
        Assert.Equal(0, CallsOf(Parser));
    }

    [Fact]
    public void A_loop_free_performance_interface_callee_costs_no_call_either()
    {
        Assert.Equal(0, CallsOf("[PerformanceInterface]" + Parser));
    }

    [Fact]
    public void A_callee_with_a_loop_keeps_its_call()
    {
        Assert.Equal(1, CallsOf(@"
            static int Parse(byte[] p, int at) { int s = 0; for (int i = at; i < p.Length; i++) s += p[i]; return s; }"));
    }

    [Fact]
    public void A_callee_marked_no_inlining_keeps_its_call()
    {
        Assert.Equal(1, CallsOf("[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]" + Parser));
    }

    [Fact]
    public void A_callee_with_exception_handling_keeps_its_call()
    {
        Assert.Equal(1, CallsOf(Parser.Replace("if (p[at] == 0) return -1;", "try { if (p[at] == 0) return -1; } finally { p[0] = 1; }")));
    }

    [Fact]
    public void A_virtual_call_keeps_its_call()
    {
        InterfaceModel model = Extraction.Extract($@"
            class Base {{ public virtual {Parser.Replace("static int", "int")} }}
            static class C {{ public static int M(Base b, byte[] p) => b.Parse(p, 0); }}");
        Assert.Equal(1, model.Pieces.SelectMany(p => p.Terms).Max(t => t.Block.CountOf(OperationClass.VirtualCall)));
    }
}
