using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Verify = Pix.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Pix.Analyzers.Extraction.InterfaceGapAnalyzer>;

namespace Pix.Analyzers.Tests.Extraction;

public sealed class InterfaceGapAnalyzerTests
{
    [Fact]
    public async Task A_failure_inside_the_extractor_is_PIX0006_on_that_method_only()
    {
        Pix.Extraction.InterfaceExtractor.FaultForTesting = m =>
        {
            if (m.Name == "FailsInsidePix")
            {
                throw new System.InvalidOperationException("injected by the test");
            }
        };
        try
        {
            await Verify.VerifyAsync("""
                using Pix;
                public static partial class Parsers
                {
                    [PerformanceInterface]
                    public static int {|PIX0006:FailsInsidePix|}(int n) => n + 1;

                    [PerformanceInterface]
                    public static int Fine(int n) => n + 1;
                }
                """);
        }
        finally
        {
            Pix.Extraction.InterfaceExtractor.FaultForTesting = null;
        }
    }

    [Fact]
    public Task Complete_interface_has_no_diagnostic() => Verify.VerifyAsync("""
        using System;
        using Pix;
        public static partial class Checksums
        {
            [PerformanceInterface]
            public static uint Sum(ReadOnlySpan<byte> data)
            {
                uint s = 0;
                for (int i = 0; i < data.Length; i++)
                {
                    s += data[i];
                }

                return s;
            }
        }
        """);

    [Fact]
    public Task Unbounded_loop_is_PIX0004() => Verify.VerifyAsync("""
        using Pix;
        public sealed class Node { public Node? Next; }
        public static partial class Lists
        {
            [PerformanceInterface]
            public static int Length(Node? head)
            {
                int n = 0;
                {|PIX0004:for (Node? p = head; p is not null; p = p.Next)
                {
                    n++;
                }|}

                return n;
            }
        }
        """);

    [Fact]
    public Task Loop_with_a_bound_hint_has_no_PIX0004() => Verify.VerifyAsync("""
        using Pix;
        public sealed class Node { public Node? Next; }
        public static partial class Lists
        {
            [PerformanceInterface]
            public static int Length(Node? head)
            {
                int n = 0;
                for (Node? p = head; p is not null; p = p.Next)
                {
                    PixHint.LoopBound(1000);
                    n++;
                }

                return n;
            }
        }
        """);

    [Fact]
    public Task Loop_with_a_pcv_hint_alone_has_no_PIX0004() => Verify.VerifyAsync("""
        using Pix;
        public sealed class Node { public Node? Next; }
        public static partial class Lists
        {
            [PerformanceInterface]
            public static int Length(Node? head)
            {
                int n = 0;
                for (Node? p = head; p is not null; p = p.Next)
                {
                    PixHint.Pcv("listLength", "nodes in the list");
                    n++;
                }

                return n;
            }
        }
        """);

    [Fact]
    public Task Delegate_call_is_PIX0002_info() => Verify.VerifyAsync(
        """
        using System;
        using Pix;
        public static partial class Callbacks
        {
            [PerformanceInterface]
            public static int Apply(Func<int, int> f, int x) => {|#0:f(x)|};
        }
        """,
        Verify.Diagnostic("PIX0002").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments(
            "Callbacks.Apply(Func<int, int>, int)",
            "delegate call (line 6)",
            "The delegate's target is not known statically; the call is priced as an opaque term",
            "The hardware profile prices it by name; mark the callee [PerformanceInterface] if it is your code"));

    [Fact]
    public Task Try_catch_is_PIX0002_warning() => Verify.VerifyAsync(
        """
        using Pix;
        public static partial class Parsing
        {
            [PerformanceInterface]
            public static int Parse(int[] data)
            {
                {|#0:try
                {
                    return data[0];
                }
                catch (System.IndexOutOfRangeException)
                {
                    return -1;
                }|}
            }
        }
        """,
        Verify.Diagnostic("PIX0002").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning).WithArguments(
            "Parsing.Parse(int[])",
            "try/catch (line 7)",
            "Exception handlers are not counted (the exceptional path is assumed not taken); the try body and any finally block are",
            "The prediction leaves its real cost out"));

    [Fact]
    public Task Recursion_is_PIX0002_on_the_method_name() => Verify.VerifyAsync(
        """
        using Pix;
        public static partial class Trees
        {
            [PerformanceInterface]
            public static int {|#0:Depth|}(int[] parent, int i) => i < 0 ? 0 : 1 + Depth(parent, parent[i]);
        }
        """,
        Verify.Diagnostic("PIX0002").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments(
            "Trees.Depth(int[], int)",
            "recursion in Depth (line 4)",
            "Depth calls itself; its cost is the cost of one invocation times the PCV 'recursionDepth'. Pass it to the interface",
            "LatencyOf_Depth is as accurate as the depth it is given"));

    [Fact]
    public Task Unsupported_methods_get_no_gap_diagnostics() => Verify.VerifyAsync("""
        using Pix;
        public static class NotPartial
        {
            [PerformanceInterface]
            public static int Length(int[] a) { int n = 0; while (n < a.Length && a[n] != 0) n++; return n; }
        }
        """);
}
