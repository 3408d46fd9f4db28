using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pix.Analyzers.ConstantTime;
using Pix.Analyzers.Extraction;
using Pix.Testing;

namespace Pix.Analyzers.Tests;

/// <summary>Half-typed and odd code must never make an analyzer throw (an AD0001 is always a bug).</summary>
public sealed class RobustnessTests
{
    [Theory]
    [InlineData("""
        using Pix;
        public static partial class C
        {
            [ConstantTime, PerformanceInterface]
            public static int M([Secret] int x, int[] t)
            {
                if (x > Undefined(x)) return t[x
            }
        }
        """)]
    [InlineData("""
        using Pix;
        public static partial class C
        {
            [ConstantTime]
            public static int Recurse([Secret] int x) => x == 0 ? 0 : Recurse(x - 1) + Other(x);
            private static int Other(int y) => Recurse(y / 2);
        }
        """)]
    [InlineData("""
        using System;
        using Pix;
        public static unsafe partial class C
        {
            [ConstantTime, PerformanceInterface]
            public static int M([Secret] byte* p, int n, Func<int, int> f)
            {
                int s = 0;
                for (int i = 0; i < n; i++) { s += p[i]; s = f(s); }
                Action a = () => { if (s > 0) s--; };
                a();
                return s switch { > 3 => 1, _ => 0 };
            }
        }
        """)]
    [InlineData("""
        using Pix;
        public partial class C
        {
            [Secret] public int Key { get; set; }
            [ConstantTime] public C([Secret] int k) { Key = k % 7; }
            [ConstantTime] public abstract int NoBody([Secret] int k);
            [ConstantTime] public int this[[Secret] int i] => i / 3;
        }
        """)]
    public async Task Analyzers_do_not_throw_on_broken_or_odd_code(string source)
    {
        Compilation compilation = TestCompilation.CreateNamed("Broken", source);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ConstantTimeAnalyzer(), new MethodSupportAnalyzer(), new InterfaceGapAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }
}
