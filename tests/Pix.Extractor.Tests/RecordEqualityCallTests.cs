using System.Linq;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// A record struct's compiler-written equality (<c>==</c>, <c>!=</c>, <c>Equals(T)</c>) is a call the JIT keeps where
/// the compare comes after two conditions or more of a <c>&amp;&amp;</c> or <c>||</c> inside a loop: its <c>==</c> is
/// inlined, the <c>Equals(T)</c> under it is not ("unprofitable inline", the runtime's MethodJitInliningFailed event, for
/// 2 to 6 fields; one field is inlined; behind one condition the samples' chain walks inline it). The caller then pays the call and the key's copy into the argument registers, one
/// load per 8 bytes (docs/network-functions.md, "Twenty-eighth session … (`call28` helper)"; bench/Pix.RecordEquality).
/// </summary>
public sealed class RecordEqualityCallTests
{
    // The flow key's shape: 4, 4, 2, 2 and 1 bytes, 13 bytes of fields, two 8-byte words.
    private const string FlowKey = "readonly record struct Key(uint A, uint B, ushort C, ushort D, byte E);";
    private const string OneField = "readonly record struct Key(uint A);";

    private static InterfaceModel Extract(string key, string body) => Extraction.Extract($@"{key}
        static class C {{
            public static int M(Key[] keys, uint[] hashes, bool[] inUse, long[] stamps, long now, Key key, uint hash) {{ {body} }} }}",
        options: Pix.Extraction.ExtractionOptions.Default with { DefaultResolution = 0 });

    private static double Max(InterfaceModel model, OperationClass operation) =>
        model.Pieces.Max(piece => piece.Terms.Sum(t => t.Block.CountOf(operation)));

    // Two conditions before the compare (the slot in use, then the hash), and the compare placed first.
    private const string Guarded = "int hits = 0; for (int i = 0; i < 8; i++) { if (inUse[i] && hashes[i] == hash && keys[i] == key) hits++; } return hits;";
    private const string CompareFirst = "int hits = 0; for (int i = 0; i < 8; i++) { if (keys[i] == key && inUse[i] && hashes[i] == hash) hits++; } return hits;";

    [Fact]
    public void Behind_a_hash_compare_in_a_loop_the_equality_is_a_call_with_the_key_copied_into_two_registers()
    {
        InterfaceModel kept = Extract(FlowKey, Guarded);
        InterfaceModel inlined = Extract(FlowKey, CompareFirst);

        Assert.Equal(1, Max(kept, OperationClass.Call));
        Assert.Equal(0, Max(inlined, OperationClass.Call));
        // The same compares and loads either way, and the key's 13 bytes read as two 8-byte words for the call.
        Assert.Equal(2, Max(kept, OperationClass.Load) - Max(inlined, OperationClass.Load));
    }

    [Fact]
    public void The_connection_tables_probe_keeps_the_call_its_live_local_counts_its_two_conditions()
    {
        InterfaceModel model = Extract(FlowKey, @"for (int i = 0; i < 8; i++) {
            bool live = inUse[i] && now - stamps[i] < 100;
            if (live && hashes[i] == hash && keys[i] == key) return i; }
            return -1;");

        Assert.Equal(1, Max(model, OperationClass.Call));
    }

    [Fact]
    public void Behind_the_hash_compare_alone_the_chain_walks_equality_stays_inlined()
    {
        // The NAT's and the firewall's chain walks: Tier-1 code has no call to FlowKey.Equals there.
        InterfaceModel model = Extract(FlowKey, "int i = 0; while (i < 8) { if (hashes[i] == hash && keys[i] == key) return i; i++; } return -1;");

        Assert.Equal(0, Max(model, OperationClass.Call));
    }

    [Fact]
    public void A_direct_Equals_call_behind_a_guard_is_kept_as_the_operator_is()
    {
        InterfaceModel model = Extract(FlowKey, Guarded.Replace("keys[i] == key", "keys[i].Equals(key)"));

        Assert.Equal(1, Max(model, OperationClass.Call));
    }

    [Fact]
    public void A_one_field_key_is_still_inlined_behind_the_guard()
    {
        Assert.Equal(0, Max(Extract(OneField, Guarded), OperationClass.Call));
    }

    [Fact]
    public void The_same_guarded_compare_on_straight_line_code_is_inlined()
    {
        Assert.Equal(0, Max(Extract(FlowKey, "return hashes[0] == hash && keys[0] == key ? 1 : 0;"), OperationClass.Call));
    }

    [Fact]
    public void An_unguarded_compare_in_a_loop_is_inlined()
    {
        Assert.Equal(0, Max(Extract(FlowKey, "int hits = 0; for (int i = 0; i < 8; i++) { if (keys[i] == key) hits++; } return hits;"), OperationClass.Call));
    }
}
