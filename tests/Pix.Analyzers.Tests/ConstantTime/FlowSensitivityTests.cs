using System.Threading.Tasks;
using Verify = Pix.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Pix.Analyzers.ConstantTime.ConstantTimeAnalyzer>;

namespace Pix.Analyzers.Tests.ConstantTime;

/// <summary>
/// The one flow-sensitive rule (docs/constant-time.md): a public value assigned to a local in
/// top-level straight-line code overwrites its secret for the statements after it; nowhere else.
/// </summary>
public sealed class FlowSensitivityTests
{
    private static Task VerifyAsync(string members) =>
        Verify.VerifyAsync($$"""
            using System.Runtime.CompilerServices;
            using Pix;

            public static class C
            {
                private const MethodImplOptions P = MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization;
                private static readonly byte[] Table = new byte[256];
            {{members}}
            }
            """);

    [Fact]
    public Task A_public_overwrite_in_straight_line_code_ends_the_secret() => VerifyAsync("""
            [MethodImpl(P)]
            public static int Reuse([Secret] int key, int n)
            {
                int x = key * 3;
                int y = x ^ 5;
                x = n;
                if (x > 0) y += Table[x & 0xff];
                return y;
            }
        """);

    [Fact]
    public Task Reads_before_the_overwrite_are_still_secret() => VerifyAsync("""
            [MethodImpl(P)]
            public static int Reuse([Secret] int key, int n)
            {
                int x = key * 3;
                int y = {|PIX0102:Table[x & 0xff]|};
                x = n;
                return y + Table[x & 0xff];
            }
        """);

    [Fact]
    public Task An_overwrite_inside_a_branch_does_not_count() => VerifyAsync("""
            [MethodImpl(P)]
            public static int Reuse([Secret] int key, int n)
            {
                int x = key * 3;
                if (n > 0) { x = n; }
                return {|PIX0102:Table[x & 0xff]|};
            }
        """);

    [Fact]
    public Task A_secret_written_later_in_a_loop_reaches_the_next_iteration() => VerifyAsync("""
            [MethodImpl(P)]
            public static int Reuse([Secret] int key, int n)
            {
                int x = 0;
                int y = 0;
                for (int i = 0; i < n; i++)
                {
                    y += {|PIX0102:Table[x & 0xff]|};
                    x = key;
                }

                return y;
            }
        """);

    [Fact]
    public Task A_secret_assigned_again_after_the_overwrite_is_secret_again() => VerifyAsync("""
            [MethodImpl(P)]
            public static int Reuse([Secret] int key, int n)
            {
                int x = key;
                x = n;
                x = key + 1;
                return {|PIX0102:Table[x & 0xff]|};
            }
        """);
}
