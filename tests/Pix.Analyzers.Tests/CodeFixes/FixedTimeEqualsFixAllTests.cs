using System.Threading.Tasks;
using Verify = Pix.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<Pix.Analyzers.ConstantTime.ConstantTimeAnalyzer, Pix.CodeFixes.UseFixedTimeEqualsCodeFix>;

namespace Pix.Analyzers.Tests.CodeFixes;

/// <summary>Fix All over several comparisons (the verifier applies it in document, project and solution scope).</summary>
public sealed class FixedTimeEqualsFixAllTests
{
    [Fact]
    public Task Two_comparisons_in_one_method_and_a_loop_in_another_are_fixed_together() => Verify.VerifyCodeFixAsync(
        """
        using System;
        using Pix;

        public static class Tags
        {
            public static bool Both([Secret] byte[] a, byte[] b, [Secret] byte[] c, byte[] d) =>
                {|PIX0104:a.AsSpan().SequenceEqual(b)|} && {|PIX0104:c.AsSpan().SequenceEqual(d)|};

            public static bool Loop([Secret] byte[] expected, byte[] actual)
            {
                if (expected.Length != actual.Length)
                {
                    return false;
                }

                for (int i = 0; i < expected.Length; i++)
                {
                    if ({|PIX0101:expected[i] != actual[i]|})
                    {
                        return false;
                    }
                }

                return true;
            }
        }
        """,
        """
        using System;
        using System.Security.Cryptography;
        using Pix;

        public static class Tags
        {
            public static bool Both([Secret] byte[] a, byte[] b, [Secret] byte[] c, byte[] d) =>
                CryptographicOperations.FixedTimeEquals(a.AsSpan(), b) && CryptographicOperations.FixedTimeEquals(c.AsSpan(), d);

            public static bool Loop([Secret] byte[] expected, byte[] actual)
            {
                if (expected.Length != actual.Length)
                {
                    return false;
                }

                return CryptographicOperations.FixedTimeEquals(expected, actual);
            }
        }
        """);
}
