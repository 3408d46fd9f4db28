using System.Threading.Tasks;
using Verify = Pix.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Pix.Analyzers.ConstantTime.ConstantTimeAnalyzer>;

namespace Pix.Analyzers.Tests.ConstantTime;

/// <summary>One or more tests per PIX01xx ID, and the rules that keep constant-time code quiet.</summary>
public sealed class ConstantTimeAnalyzerTests
{
    private static Task VerifyAsync(string members, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        Verify.VerifyAsync($$"""
            using System;
            using System.Runtime.CompilerServices;
            using System.Security.Cryptography;
            using Pix;

            public static class C
            {
                private const MethodImplOptions P = MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization;
                private static readonly byte[] Table = new byte[256];
            {{members}}
            }
            """, expected);

    // ---- PIX0100 -------------------------------------------------------------------------------

    [Fact]
    public Task If_on_secret_is_PIX0100() => VerifyAsync("""
            [MethodImpl(P)]
            public static int Pick(int a, int b, [Secret] bool choose)
            {
                int r;
                if ({|PIX0100:choose|}) r = a * b; else r = b;
                return r + 1;
            }
        """);

    [Fact]
    public Task Short_circuit_outside_a_condition_is_PIX0100() => VerifyAsync("""
            [MethodImpl(P)]
            public static bool Both([Secret] int x, int y)
            {
                bool both = {|PIX0100:x > 0 && y > 0|};
                return both;
            }
        """);

    [Fact]
    public Task Ternary_switch_and_Math_Min_on_secrets_are_PIX0100() => VerifyAsync("""
            [ConstantTime, MethodImpl(P)]
            public static int Several(int x, int y)
            {
                int a = {|PIX0100:x > y|} ? x * y : y;
                int b = {|PIX0100:x|} switch { 0 => 1, _ => 2 };
                int c = {|PIX0100:Math.Min(x, y)|};
                return a + b + c;
            }
        """);

    [Fact]
    public Task Helper_that_branches_is_PIX0100_at_the_call() => VerifyAsync("""
            [ConstantTime, MethodImpl(P)]
            public static int Outer(int secret) => {|PIX0100:Helper(secret)|} + 1;

            private static int Helper(int v)
            {
                if (v > 3)
                {
                    return v * 2;
                }

                return v;
            }
        """);

    // ---- PIX0101 -------------------------------------------------------------------------------

    // The witness must be true of the loop as written: the classic loop from 0 compares element 0 first; a
    // loop from 1 compares element 1 first and runs a.Length - 1 times; a loop that counts down compares the
    // last element first, not element 0.
    [Theory]
    [InlineData("int i = 0; i < a.Length; i++", "; inputs differing in element 0 exit after 1 iteration; equal inputs run a.Length iterations")]
    [InlineData("int i = 1; i < a.Length; i++", "; inputs differing in element 1 exit after 1 iteration; equal inputs run a.Length - 1 iterations")]
    [InlineData("int i = a.Length - 1; i >= 0; i--", "; inputs differing in the element the first iteration compares exit after 1 iteration; equal inputs run every iteration")]
    [InlineData("int i = 0; i < a.Length; i += 2", "; inputs differing in the element the first iteration compares exit after 1 iteration; equal inputs run every iteration")]
    public Task Early_exit_compare_is_PIX0101_with_a_witness_of_the_element_compared_first(string header, string witness) => Verify.VerifyAsync(
        $$"""
        using Pix;
        using System.Runtime.CompilerServices;
        public static class C
        {
            [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
            public static bool Equal([Secret] byte[] {|#1:a|}, byte[] b)
            {
                for ({{header}})
                {
                    if ({|#0:a[i] != b[i]|}) return false;
                }

                return true;
            }
        }
        """,
        Verify.Diagnostic("PIX0101").WithLocation(0).WithLocation(1).WithArguments(
            "early exit 'a[i] != b[i]' of the for loop",
            "a",
            "a → a[i] != b[i]",
            witness));

    [Fact]
    public Task Loop_bound_from_secret_is_PIX0101() => VerifyAsync("""
            [ConstantTime, MethodImpl(P)]
            public static int Spin(int rounds)
            {
                int x = 0;
                for (int i = 0; {|PIX0101:i < rounds|}; i++) x += i;
                return x;
            }
        """);

    // ---- PIX0102 -------------------------------------------------------------------------------

    [Fact]
    public Task Secret_index_is_PIX0102() => VerifyAsync("""
            [MethodImpl(P)]
            public static byte Lookup([Secret] byte x) => {|PIX0102:Table[x]|};

            [MethodImpl(P)]
            public static byte SpanLookup([Secret] int x, ReadOnlySpan<byte> table) => {|PIX0102:table[x]|};

            [MethodImpl(P)]
            public static void Store([Secret] int x) => {|PIX0102:Table[x]|} = 1;
        """);

    [Fact]
    public Task Secret_field_flows_into_index_PIX0102() => Verify.VerifyAsync("""
        using Pix;
        using System.Runtime.CompilerServices;
        public sealed class Cipher
        {
            [Secret] private readonly byte[] _key = new byte[16];
            private static readonly byte[] SBox = new byte[256];

            [ConstantTime, MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
            public byte FirstRound([Public] byte plaintext)
            {
                int k = _key[0] ^ plaintext;
                return {|PIX0102:SBox[k]|};
            }
        }
        """);

    // ---- PIX0103 -------------------------------------------------------------------------------

    [Fact]
    public Task Division_and_remainder_on_secrets_are_PIX0103() => VerifyAsync("""
            [ConstantTime, MethodImpl(P)]
            public static int Reduce(int x, [Public] int q)
            {
                int a = {|PIX0103:x % q|};
                int b = {|PIX0103:x / 3|};
                uint c = (uint)x / 4u;
                double d = x / 3.0;
                return a + b + (int)c + (int)d;
            }
        """);

    // ---- PIX0104 -------------------------------------------------------------------------------

    [Fact]
    public Task Variable_time_apis_are_PIX0104() => VerifyAsync("""
            [ConstantTime, MethodImpl(P)]
            public static bool Check(byte[] tag, [Public] byte[] other, string password, [Public] string attempt)
            {
                bool a = {|PIX0104:tag.AsSpan().SequenceEqual(other)|};
                bool b = {|PIX0104:password == attempt|};
                int c = {|PIX0104:password.CompareTo(attempt)|};
                return a & b & c == 0;
            }
        """);

    [Fact]
    public Task Variable_time_apis_behind_a_null_conditional_are_PIX0104() => VerifyAsync("""
            [ConstantTime, MethodImpl(P)]
            public static bool Check(byte[]? tag, [Public] byte[] other, string? password, [Public] string attempt)
            {
                bool a = tag?{|PIX0104:.AsSpan().SequenceEqual(other)|} == true;
                int? c = password?{|PIX0104:.CompareTo(attempt)|};
                return a & c == 0;
            }
        """);

    // `pin.ToString()` is PIX0104 (its time depends on the number of digits); an interpolation hole or a
    // string concatenation formats the value with the same ToString, so it leaks the same way. A secret
    // string copied into one (its length is public) and a public number formatted next to a secret are not.
    [Fact]
    public Task Formatting_a_secret_number_by_interpolation_or_concatenation_is_PIX0104() => VerifyAsync("""
            [MethodImpl(P)]
            public static string Show([Secret] int pin, [Secret] long account, [Secret] string name, int attempt)
            {
                string a = $"pin {|PIX0104:{pin}|}";
                string b = "account " + {|PIX0104:account|};
                string c = $"{|PIX0104:{pin,8:D6}|}" + name + attempt;
                string d = $"{name} try {attempt}";
                string e = {|PIX0104:pin.ToString()|};
                return a + b + c + d + e;
            }
        """);

    [Fact]
    public Task Public_arguments_to_variable_time_apis_are_fine() => VerifyAsync("""
            [MethodImpl(P)]
            public static bool Check([Secret] byte[] key, string name, string expectedName) => name == expectedName && key.Length == 32;
        """);

    // ---- PIX0105 -------------------------------------------------------------------------------

    [Fact]
    public Task ConstantTime_without_MethodImpl_is_PIX0105() => VerifyAsync("""
            [ConstantTime]
            public static uint {|PIX0105:Select|}(uint bit, uint a, uint b)
            {
                uint mask = 0u - (bit & 1u);
                return (a & mask) | (b & ~mask);
            }

            [ConstantTime, MethodImpl(MethodImplOptions.NoInlining)]
            public static uint {|PIX0105:OnlyNoInlining|}(uint x) => x ^ 1u;
        """);

    // ---- what is not a leak --------------------------------------------------------------------

    [Fact]
    public Task Masks_comparisons_as_data_lengths_and_public_indices_are_quiet() => VerifyAsync("""
            [ConstantTime, MethodImpl(P)]
            public static bool Equal(byte[] a, byte[] b)
            {
                if (a.Length != b.Length)
                {
                    return false;
                }

                int diff = 0;
                bool same = true;
                for (int i = 0; i < a.Length; i++)
                {
                    diff |= a[i] ^ b[i];
                    same &= a[i] == b[i];
                }

                uint mask = (uint)-(diff & 1);
                return ((uint)diff & ~mask) == 0 & same;
            }
        """);

    [Fact]
    public Task Final_verdict_branch_and_throw_are_quiet() => VerifyAsync("""
            [ConstantTime, MethodImpl(P)]
            public static bool Verify(byte[] expected, [Public] byte[] actual)
            {
                int diff = expected.Length ^ actual.Length;
                for (int i = 0; i < Math.Min(expected.Length, actual.Length); i++)
                {
                    diff |= expected[i] ^ actual[i];
                }

                if (diff != 0)
                {
                    return false;
                }

                return true;
            }

            [ConstantTime, MethodImpl(P)]
            public static void Check(byte[] tag, [Public] byte[] received)
            {
                if (!CryptographicOperations.FixedTimeEquals(tag, received))
                {
                    throw new CryptographicException("bad tag");
                }
            }
        """);

    [Fact]
    public Task Verdict_before_more_secret_work_is_still_PIX0100() => VerifyAsync("""
            [ConstantTime, MethodImpl(P)]
            public static int Unpad(byte[] block, [Public] byte[] output)
            {
                int pad = block[15];
                if ({|PIX0100:pad > 16|})
                {
                    return -1;
                }

                for (int i = 0; i < 16; i++) output[i] = block[i];
                return pad;
            }
        """);

    [Fact]
    public Task Public_parameters_of_ConstantTime_methods_are_not_secret() => VerifyAsync("""
            [ConstantTime, MethodImpl(P)]
            public static int Rounds([Public] int n, int key)
            {
                int x = key;
                for (int i = 0; i < n; i++)
                {
                    if (n > 3) x ^= i;
                }

                return x;
            }
        """);

    [Fact]
    public Task Methods_without_secrets_are_not_checked() => VerifyAsync("""
            public static int Plain(int x) => x > 3 ? Table[x] : x % 7;
        """);
}
