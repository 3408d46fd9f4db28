using System.Threading.Tasks;
using Pix.Analyzers.ConstantTime;
using Verify = Pix.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Pix.Analyzers.ConstantTime.ConstantTimeAnalyzer>;

namespace Pix.Analyzers.Tests.ConstantTime;

public sealed class ConstantTimeAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Runtime.CompilerServices;
        using Pix;

        """;

    [Fact]
    public Task Branch_on_secret_is_PIX0100() => Verify.VerifyAsync(Usings + """
        public static class C
        {
            [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
            public static int Pick(int a, int b, [Secret] bool choose)
            {
                int r = 0;
                if ({|PIX0100:choose|}) r = a; else r = b;
                return r + 1;
            }
        }
        """);
}
