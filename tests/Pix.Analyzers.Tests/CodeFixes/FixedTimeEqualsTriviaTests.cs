using System.Threading.Tasks;
using Verify = Pix.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<Pix.Analyzers.ConstantTime.ConstantTimeAnalyzer, Pix.CodeFixes.UseFixedTimeEqualsCodeFix>;

namespace Pix.Analyzers.Tests.CodeFixes;

/// <summary>
/// The early-exit loop fix replaces the loop and deletes the <c>return true;</c> after it, trivia included: code in a
/// preprocessor branch there (inactive in this build, so the loop still matches) must not be deleted with it.
/// </summary>
public sealed class FixedTimeEqualsTriviaTests
{
    private const string Loop = """
        using System.Runtime.CompilerServices;
        using Pix;

        public static class Tags
        {
            [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
            public static bool Check([Secret] byte[] expected, byte[] actual)
            {
                if (expected.Length != actual.Length)
                {
                    return false;
                }

                for (int i = 0; i < expected.Length; i++)
                {
        #if TRACE_MISMATCH
                    System.Console.WriteLine(i);
        #endif
                    if ({|PIX0101:expected[i] != actual[i]|})
                    {
                        return false;
                    }
                }

        #if TRACE_MATCH
                System.Console.WriteLine("equal");
        #endif
                return true;
            }
        }
        """;

    private const string InLoop = "#if TRACE_MISMATCH\n            System.Console.WriteLine(i);\n#endif\n";
    private const string BeforeReturn = "#if TRACE_MATCH\n        System.Console.WriteLine(\"equal\");\n#endif\n";

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public Task A_loop_with_code_in_inactive_preprocessor_branches_is_not_fixed(bool inLoop, bool beforeReturn)
    {
        // Fixed, the TRACE_MISMATCH and TRACE_MATCH lines were deleted: a build that defines them lost their code.
        string source = Loop.Replace("\r\n", "\n");
        source = inLoop ? source : source.Replace(InLoop, "");
        source = beforeReturn ? source : source.Replace(BeforeReturn, "");
        Assert.Equal(1 + (inLoop ? 1 : 0) + (beforeReturn ? 1 : 0), source.Split("#if").Length);
        return Verify.VerifyCodeFixAsync(source, source);
    }
}
