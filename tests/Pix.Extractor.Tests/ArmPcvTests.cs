using System.Linq;
using Pix.Extraction;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary><c>PixHint.Pcv</c> opening an if's arm: the arm's runs per call become a 0/1 PCV.</summary>
public sealed class ArmPcvTests
{
    // Resolution 0: the small arms below differ by less than the default 5%, which would merge their pieces.
    private static readonly ExtractionOptions Exact = ExtractionOptions.Default with { DefaultResolution = 0 };

    private static InterfaceModel Extract(string source) => Extraction.Extract(source, options: Exact);

    // The NAT's shape: an update that only some packets need, decided by a byte of the packet, written back to memory.
    private const string Hinted = @"static class C {
        public static int M(byte[] packet, int[] table) {
            int sum = packet[0] + packet[1];
            if (packet[6] != 0) { PixHint.Pcv(""checksumUpdated"", ""packets whose checksum is updated""); table[packet[4]] = Fold(table[packet[2]] * 7 + table[packet[3]] * 5); }
            return sum; }
        static int Fold(int x) { x = (x & 0xFFFF) + (x >> 16); return (x & 0xFFFF) + (x >> 16); } }";

    private const string Hint = @"PixHint.Pcv(""checksumUpdated"", ""packets whose checksum is updated"");";

    [Fact]
    public void The_hinted_arm_is_a_0_or_1_pcv_documented_with_its_branch()
    {
        InterfaceModel model = Extract(Hinted);
        Quantity pcv = Assert.Single(model.Pcvs);
        Assert.Equal("checksumUpdated", pcv.Name);
        Assert.Equal(Expr.One, pcv.Bound);
        Assert.Equal("packets whose checksum is updated: 1 when the then-arm runs, 0 when the other arm does", pcv.Description);
        Assert.Equal("if (packet[6] != 0)", pcv.Origin!.Construct);
        Assert.Equal(5, pcv.Origin.Line);
        Assert.DoesNotContain(model.Gaps, g => g.Kind is GapKind.DataDependentBranch or GapKind.MisplacedHint);
    }

    [Fact]
    public void At_1_the_interface_is_the_arm_and_at_0_the_other_arm()
    {
        InterfaceModel hinted = Extract(Hinted);
        InterfaceModel costlierArm = Extract(Hinted.Replace(Hint, string.Empty));
        InterfaceModel emptyArm = Extract(Hinted.Replace("table[packet[4]] = Fold(table[packet[2]] * 7 + table[packet[3]] * 5);", string.Empty));

        Assert.Equal(2, hinted.Pieces.Count);
        Assert.Equal(costlierArm.Ns(), hinted.Ns(("checksumUpdated", 1)), 9);
        Assert.Equal(emptyArm.Ns(), hinted.Ns(("checksumUpdated", 0)), 9);
        Assert.True(hinted.Ns(("checksumUpdated", 1)) > hinted.Ns(("checksumUpdated", 0)) + 1, hinted.Dump());
        // Without a value the PCV takes its bound: the hinted arm runs.
        Assert.Equal(hinted.Ns(("checksumUpdated", 1)), hinted.Ns(), 9);
    }

    [Fact]
    public void A_hint_on_the_else_arm_selects_that_arm_at_1()
    {
        const string source = @"static class C {
            public static int M(byte[] packet, int[] table) {
                int sum = packet[0];
                if (packet[6] == 0) { sum += packet[1]; }
                else { PixHint.Pcv(""slow""); table[1] = packet[2] * 5; table[2] = packet[3] * 3; table[3] = packet[4] * 9; table[4] = packet[5] * 7; }
                return sum; } }";
        InterfaceModel model = Extract(source);
        InterfaceModel unhinted = Extract(source.Replace(@"PixHint.Pcv(""slow"");", string.Empty));
        Assert.Equal(unhinted.Ns(), model.Ns(("slow", 1)), 9);
        Assert.True(model.Ns(("slow", 0)) < model.Ns(("slow", 1)) - 0.1, $"{model.Ns(("slow", 0))} {model.Ns(("slow", 1))}\n" + model.Dump());
    }

    [Fact]
    public void An_arm_that_returns_ends_its_piece()
    {
        InterfaceModel model = Extract(@"static class C {
            public static int M(byte[] packet) {
                if (packet[6] != 0) { PixHint.Pcv(""early""); return packet[1]; }
                return packet[2] * 7 + packet[3] / 3 + packet[4] * packet[5] / 9; } }");
        Assert.Equal("early", Assert.Single(model.Pcvs).Name);
        Assert.True(model.Ns(("early", 1)) < model.Ns(("early", 0)) - 1, model.Dump());
    }

    [Fact]
    public void A_callees_arm_pcv_reaches_the_caller()
    {
        InterfaceModel model = Extract(@"static class C {
            public static int M(byte[] packet, int[] table) { int header = packet[0] * 3; return header + Rewrite(packet, table); }
            static int Rewrite(byte[] packet, int[] table) {
                int sum = packet[1];
                if (packet[6] != 0) { PixHint.Pcv(""checksumUpdated"", ""checksum updates""); table[1] = packet[2] * 5; table[2] = packet[3] * 3; table[3] = packet[4] * 9; }
                return sum; } }");
        Quantity pcv = Assert.Single(model.Pcvs);
        Assert.Equal("checksumUpdated", pcv.Name);
        Assert.Equal(Expr.One, pcv.Bound);
        Assert.Contains("(in Rewrite)", pcv.Description);
        Assert.True(model.Ns(("checksumUpdated", 1)) > model.Ns(("checksumUpdated", 0)) + 0.1, $"{model.Ns(("checksumUpdated", 0))} {model.Ns(("checksumUpdated", 1))}\n" + model.Dump());
    }

    [Fact]
    public void A_callees_arm_pcv_survives_a_call_site_that_cannot_express_the_callees_other_guards()
    {
        // As the NAT's Rewrite: its offset depends on a protocol parameter, which the caller passes from packet data.
        InterfaceModel model = Extract(@"static class C {
            public static int M(byte[] packet, int[] table) => Rewrite(packet, table, packet[9]);
            static int Rewrite(byte[] packet, int[] table, int protocol) {
                int offset = protocol == 6 ? 16 : 6;
                if (packet[offset] != 0) { PixHint.Pcv(""patched""); table[1] = packet[2] * 5; table[2] = packet[3] * 3; table[3] = packet[4] * 9; }
                return offset; } }");
        Quantity pcv = Assert.Single(model.Pcvs);
        Assert.Equal("patched", pcv.Name);
        Assert.Equal(2, model.Pieces.Count);
        Assert.True(model.Ns(("patched", 1)) > model.Ns(("patched", 0)) + 0.1, model.Dump());
        Assert.DoesNotContain(model.Pieces, p => p.When.ToString().Contains("protocol"));
    }

    [Fact]
    public void Inside_a_loop_the_pcv_counts_the_arms_runs_over_all_iterations()
    {
        InterfaceModel model = Extract(@"static class C {
            public static int M(byte[] packet, int[] table) {
                int sum = 0;
                for (int i = 0; i < packet.Length; i++) {
                    sum += packet[i];
                    if (packet[i] > 127) { PixHint.Pcv(""highBytes"", ""bytes above 127""); table[1] = packet[i] * 7; table[2] = packet[i] * 5; table[3] = packet[i] * 3; } }
                return sum; } }");
        Quantity pcv = Assert.Single(model.Pcvs);
        Assert.Equal("highBytes", pcv.Name);
        Assert.Equal(Expr.Symbol("packet.Length"), pcv.Bound);
        Assert.Contains("how many of the loop's iterations in one call take the then-arm", pcv.Description);
        // The arm's term counts its runs in the call, not per iteration: the loop does not multiply it.
        Assert.Equal(Expr.Symbol("highBytes"), model.TermAbout("then-arm").Count);
        Assert.DoesNotContain(model.Gaps, g => g.Kind is GapKind.DataDependentBranch or GapKind.MisplacedHint);

        double none = model.Ns(("packet.Length", 64), ("highBytes", 0));
        double ten = model.Ns(("packet.Length", 64), ("highBytes", 10));
        double twenty = model.Ns(("packet.Length", 64), ("highBytes", 20));
        Assert.True(ten > none, model.Dump());
        Assert.Equal(twenty - ten, ten - none, 9);
        // Ten runs of 64 on the then-arm: ten times the arm, and ten mispredictions (the rarer arm's runs).
        double miss = HardwareProfile.Reference.Price(BlockCounts.Of(branchMiss: 1));
        Assert.Equal(10 * (model.TermAbout("then-arm").Block.Price(HardwareProfile.Reference) + miss), ten - none, 9);
        // Left out, the PCV takes its bound: every iteration takes the arm, as the costlier-arm price assumed.
        Assert.Equal(model.Ns(("packet.Length", 64), ("highBytes", 64)), model.Ns(("packet.Length", 64)), 9);
    }

    // Data decide a hinted arm's branch, so where a call's iterations mix both arms the predictor misses: at least
    // on the runs that go the way this call's iterations go less often, min(runs, iterations − runs) (twenty-sixth
    // session, nat26: the NAT's expiry storm, bench/Pix.ExpiryStorm --branches). All one way, it is learnt: none.
    [Fact]
    public void Inside_a_loop_iterations_that_mix_both_arms_pay_a_miss_per_run_of_the_rarer_arm()
    {
        InterfaceModel model = Extract(@"static class C {
            public static int M(byte[] packet, int[] table) {
                int sum = 0;
                for (int i = 0; i < packet.Length; i++) {
                    sum += packet[i];
                    if (packet[i] > 127) { PixHint.Pcv(""highBytes"", ""bytes above 127""); table[1] = packet[i] * 7; } }
                return sum; } }");
        double At(double runs) => model.Ns(("packet.Length", 64), ("highBytes", runs));
        double Excess(double runs) => At(runs) - (At(0) + ((At(64) - At(0)) * runs / 64));
        double miss = HardwareProfile.Reference.Price(BlockCounts.Of(branchMiss: 1));
        Assert.True(miss > 0);
        Assert.Equal(16 * miss, Excess(16), 6);
        Assert.Equal(32 * miss, Excess(32), 6);
        Assert.Equal(16 * miss, Excess(48), 6);
        Assert.Equal(1 * miss, Excess(63), 6);
        Assert.Contains("highBytes", model.TermAbout("mispredicted branch").Count.ToString());
    }

    [Fact]
    public void A_callees_arm_met_inside_the_callers_loop_pays_a_miss_per_run_of_the_rarer_arm()
    {
        InterfaceModel model = Extract(CalledInALoop);
        double At(double runs) => model.Ns(("packet.Length", 64), ("checksumUpdated", runs));
        double Excess(double runs) => At(runs) - (At(0) + ((At(34) - At(0)) * runs / 34));
        double miss = HardwareProfile.Reference.Price(BlockCounts.Of(branchMiss: 1));
        Assert.Equal(10 * miss, Excess(10), 6);
        Assert.Equal(4 * miss, Excess(30), 6);
        Assert.Equal(model.Ns(("packet.Length", 64), ("checksumUpdated", 34)), model.Ns(("packet.Length", 64)), 9);
    }

    [Fact]
    public void A_callees_loop_arm_pcv_counts_per_call_and_a_callers_loop_multiplies_it()
    {
        InterfaceModel model = Extract(@"static class C {
            public static void M(int[] table, int rounds) { for (int r = 0; r < rounds; r++) { Sweep(table); } }
            static void Sweep(int[] table) {
                for (int i = 0; i < 4; i++) {
                    if (table[i] < 0) { PixHint.Pcv(""removed"", ""entries removed""); table[i] = 0; table[i + 4] = table[i + 8] * 3; } } } }");
        Quantity pcv = Assert.Single(model.Pcvs);
        Assert.Equal(Expr.Const(4), pcv.Bound);
        double once = model.Ns(("rounds", 1), ("removed", 1)) - model.Ns(("rounds", 1), ("removed", 0));
        double tenRounds = model.Ns(("rounds", 10), ("removed", 1)) - model.Ns(("rounds", 10), ("removed", 0));
        Assert.True(once > 0);
        Assert.Equal(10 * once, tenRounds, 9);
    }

    [Fact]
    public void Inside_a_loop_an_arm_that_leaves_is_reported_and_the_costlier_arm_kept()
    {
        InterfaceModel model = Extract(@"static class C {
            public static int M(byte[] packet) {
                int sum = 0;
                for (int i = 0; i < packet.Length; i++) {
                    if (packet[i] == 0) { PixHint.Pcv(""zero""); break; }
                    sum = sum * 7 + packet[i] / 3; }
                return sum; } }");
        Assert.DoesNotContain(model.Pcvs, p => p.Name == "zero");
        Assert.Contains("changes the iteration count", Assert.Single(model.Gaps, g => g.Kind == GapKind.MisplacedHint).Reason);
    }

    // A callee's 0/1 arm PCV says which arm one call takes; inside the caller's loop the iterations may mix
    // both arms: there the PCV counts the arm's runs over the loop's iterations, as an arm in the loop itself.
    private const string CalledInALoop = @"static class C {
        public static int M(byte[] packet, int[] table) { int sum = 0; for (int i = 0; i < packet.Length - 30; i++) { sum += Rewrite(packet, table, i); } return sum; }
        static int Rewrite(byte[] packet, int[] table, int at) {
            int sum = packet[at] * 3 + table[at] / 7;
            if (packet[6] != 0) { PixHint.Pcv(""checksumUpdated""); table[1] = packet[2] * 5; table[2] = packet[3] * 3; table[3] = packet[4] * 9; }
            return sum; } }";

    [Fact]
    public void A_callees_arm_pcv_met_inside_the_callers_loop_counts_the_arms_runs()
    {
        InterfaceModel model = Extract(CalledInALoop);
        InterfaceModel unhinted = Extract(CalledInALoop.Replace(@"PixHint.Pcv(""checksumUpdated"");", string.Empty));
        Quantity pcv = Assert.Single(model.Pcvs);
        Assert.Equal("checksumUpdated", pcv.Name);
        Assert.Equal("max(0, packet.Length - 30)", pcv.Bound!.ToString());
        Assert.Contains("iterations", pcv.Description);
        Assert.DoesNotContain(model.Gaps, g => g.Kind == GapKind.MisplacedHint);

        // Left out, every iteration takes the arm: the costlier-arm price, but for the callee's code now priced as
        // blocks of its own (counted over the call) instead of joining the iteration's block, which overlaps more.
        double costlierArm = unhinted.Ns(("packet.Length", 64));
        Assert.InRange(model.Ns(("packet.Length", 64)), costlierArm, costlierArm * 1.05);
        double none = model.Ns(("packet.Length", 64), ("checksumUpdated", 0));
        double five = model.Ns(("packet.Length", 64), ("checksumUpdated", 5));
        double ten = model.Ns(("packet.Length", 64), ("checksumUpdated", 10));
        Assert.True(five > none + 0.1, model.Dump());
        Assert.Equal(ten - five, five - none, 9);
        Assert.Equal(model.Ns(("packet.Length", 64), ("checksumUpdated", 34)), model.Ns(("packet.Length", 64)), 9);
    }

    [Fact]
    public void A_callees_arm_pcv_met_inside_the_callers_loop_with_other_guards_is_reported_and_the_costlier_arm_kept()
    {
        // The callee's paths also fork on its parameter, which the caller can express: no count form for both.
        const string source = @"static class C {
            public static int M(byte[] packet, int[] table, int mode) { int sum = 0; for (int i = 0; i < packet.Length; i++) { sum += Rewrite(packet, table, mode); } return sum; }
            static int Rewrite(byte[] packet, int[] table, int mode) {
                int sum = packet[1] * 3;
                if (mode > 2) { sum = sum * 7 + table[5] / 3; }
                if (packet[6] != 0) { PixHint.Pcv(""checksumUpdated""); table[1] = packet[2] * 5; table[2] = packet[3] * 3; table[3] = packet[4] * 9; }
                return sum; } }";
        InterfaceModel model = Extract(source);
        InterfaceModel unhinted = Extract(source.Replace(@"PixHint.Pcv(""checksumUpdated"");", string.Empty));
        Assert.DoesNotContain(model.Pcvs, p => p.Name == "checksumUpdated");
        Assert.Contains("inside a loop", Assert.Single(model.Gaps, g => g.Kind == GapKind.MisplacedHint).Reason);
        Assert.Equal(unhinted.Ns(("packet.Length", 64), ("mode", 3)), model.Ns(("packet.Length", 64), ("mode", 3)), 9);
        Assert.Equal(unhinted.Ns(("packet.Length", 64), ("mode", 1)), model.Ns(("packet.Length", 64), ("mode", 1)), 9);
    }

    [Fact]
    public void A_hinted_arm_of_a_recursive_method_is_reported_and_the_costlier_arm_kept()
    {
        const string source = @"static class C {
            public static int M(byte[] packet, int[] table, int depth) {
                int sum = packet[1];
                if (packet[6] != 0) { PixHint.Pcv(""upd""); table[1] = packet[2] * 5; table[2] = packet[3] * 3; table[3] = packet[4] * 9; }
                return depth > 0 ? sum + M(packet, table, depth - 1) : sum; } }";
        InterfaceModel model = Extract(source);
        InterfaceModel unhinted = Extract(source.Replace(@"PixHint.Pcv(""upd"");", string.Empty));
        Assert.DoesNotContain(model.Pcvs, p => p.Name == "upd");
        Assert.Contains(model.Pcvs, p => p.Name == "recursionDepth");
        Assert.Contains("calls itself", Assert.Single(model.Gaps, g => g.Kind == GapKind.MisplacedHint).Reason);
        Assert.Equal(unhinted.Ns(("depth", 3), ("recursionDepth", 4)), model.Ns(("depth", 3), ("recursionDepth", 4)), 9);
    }

    private const string Patch = "table[1] = packet[2] * 5; table[2] = packet[3] * 3; table[3] = packet[4] * 9;";

    // A hinted arm nested in an unhinted branch on data: that branch keeps its costlier arm, and the hinted
    // arm's fork survives, each of its paths priced at least as the other arm of the outer branch.
    [Theory]
    [InlineData("else-if chain", @"if (packet[1] != 0) { sum = sum * 7; } else if (packet[6] != 0) { PixHint.Pcv(""upd""); PATCH }")]
    [InlineData("inside an unhinted if", @"if (packet[1] != 0) { sum = sum * 7; if (packet[6] != 0) { PixHint.Pcv(""upd""); PATCH } }")]
    public void A_hinted_arm_inside_an_unhinted_branch_on_data_keeps_its_pcv(string shape, string branch)
    {
        string source = $"static class C {{ public static int M(byte[] packet, int[] table) {{ int sum = packet[0]; {branch.Replace("PATCH", Patch)} return sum; }} }}";
        InterfaceModel model = Extract(source);
        InterfaceModel unhinted = Extract(source.Replace(@"PixHint.Pcv(""upd"");", string.Empty));
        InterfaceModel unpatched = Extract(source.Replace(@"PixHint.Pcv(""upd"");", string.Empty).Replace(Patch, string.Empty));

        Assert.True(model.Pcvs.Any(p => p.Name == "upd"), shape + "\n" + model.Dump());
        Assert.DoesNotContain(model.Gaps, g => g.Kind == GapKind.MisplacedHint);
        Assert.Contains(model.Gaps, g => g.Kind == GapKind.DataDependentBranch);
        Assert.Equal(unhinted.Ns(), model.Ns(("upd", 1)), 9);
        Assert.Equal(unpatched.Ns(), model.Ns(("upd", 0)), 9);
        Assert.True(model.Ns(("upd", 0)) < model.Ns(("upd", 1)) - 0.1, model.Dump());
    }

    [Fact]
    public void A_hinted_arm_inside_an_unhinted_branch_whose_arm_also_forks_on_inputs_is_reported()
    {
        InterfaceModel model = Extract(@"static class C {
            public static int M(byte[] packet, int[] table, int n) {
                int sum = packet[0];
                if (packet[1] != 0) {
                    if (n > 3) { sum = sum * 7 + packet[5] / 3; }
                    if (packet[6] != 0) { PixHint.Pcv(""upd""); table[1] = packet[2] * 5; table[2] = packet[3] * 3; } }
                return sum; } }");
        Assert.DoesNotContain(model.Pcvs, p => p.Name == "upd");
        Assert.Contains("branch on data", Assert.Single(model.Gaps, g => g.Kind == GapKind.MisplacedHint).Reason);
    }

    [Fact]
    public void In_a_dependent_nest_the_hint_is_reported()
    {
        InterfaceModel model = Extract(@"static class C {
            public static int M(byte[] packet) {
                int sum = 0;
                for (int i = 0; i < packet.Length; i++) {
                    for (int j = 0; j < i; j++) {
                        if (packet[j] > packet[i]) { PixHint.Pcv(""inversions""); sum = sum * 7 + packet[j] / 3; } } }
                return sum; } }");
        Assert.DoesNotContain(model.Pcvs, p => p.Name == "inversions");
        Assert.Contains("triangular nest", Assert.Single(model.Gaps, g => g.Kind == GapKind.MisplacedHint).Reason);
    }

    [Fact]
    public void On_a_branch_the_inputs_decide_the_hint_is_reported_and_the_paths_fork()
    {
        InterfaceModel model = Extract(@"static class C {
            public static int M(byte[] packet, bool update) {
                int sum = packet[0];
                if (update) { PixHint.Pcv(""updated""); sum = sum * 7 + packet[2] / 3; }
                return sum; } }");
        Assert.Empty(model.Pcvs);
        Assert.Equal(2, model.Pieces.Count);
        Assert.Contains("This method's parameters (or the fields it reads) decide this branch", Assert.Single(model.Gaps, g => g.Kind == GapKind.MisplacedHint).Reason);
    }

    [Fact]
    public void In_a_local_function_whose_parameter_the_caller_passes_from_data_the_reason_names_its_parameters()
    {
        InterfaceModel model = Extract(@"static class C {
            public static int M(byte[] packet) {
                return Patch(packet[3]);
                int Patch(int flags) {
                    int sum = flags * 3;
                    if (flags > 7) { PixHint.Pcv(""patched""); sum = sum * 7 + flags / 3; }
                    return sum; } } }");
        Assert.DoesNotContain(model.Pcvs, p => p.Name == "patched");
        Assert.Contains("This method's parameters", Assert.Single(model.Gaps, g => g.Kind == GapKind.MisplacedHint).Reason);
    }

    [Theory]
    [InlineData(@"int sum = packet[0]; PixHint.Pcv(""loose""); if (packet[6] != 0) { sum = sum * 7; }", "first statement")]
    [InlineData(@"int sum = packet[0]; if (packet[6] != 0) { sum = sum * 7; PixHint.Pcv(""late""); }", "first statement")]
    [InlineData(@"int sum = packet[0]; if (packet[6] != 0) { PixHint.LoopBound(4); sum = sum * 7; }", "loop body")]
    [InlineData(@"int sum = packet[0]; string name = ""x"" + packet.Length; if (packet[6] != 0) { PixHint.Pcv(name); sum = sum * 7; }", "constant C# identifier")]
    [InlineData(@"int sum = packet[0]; if (packet[6] != 0) { PixHint.Pcv(""x""); sum = sum * 7; } else { PixHint.Pcv(""y""); sum = sum / 3; }", "Both arms")]
    public void A_hint_Pix_cannot_use_is_reported(string body, string reason)
    {
        InterfaceModel model = Extract($"static class C {{ public static int M(byte[] packet) {{ {body} return sum; }} }}");
        Assert.Contains(reason, Assert.Single(model.Gaps, g => g.Kind == GapKind.MisplacedHint).Reason);
    }

    [Fact]
    public void Two_hints_naming_one_pcv_are_reported_and_told_apart()
    {
        InterfaceModel model = Extract(@"static class C {
            public static int M(byte[] packet) {
                int sum = packet[0];
                if (packet[6] != 0) { PixHint.Pcv(""updated""); sum = sum * 7; }
                if (packet[7] != 0) { PixHint.Pcv(""updated""); sum = sum / 3; }
                return sum; } }");
        Assert.Equal(new[] { "updated", "updated_2" }, model.Pcvs.Select(p => p.Name));
        Gap gap = Assert.Single(model.Gaps, g => g.Kind == GapKind.MisplacedHint);
        Assert.Contains("already names the PCV 'updated'", gap.Reason);
        Assert.Equal(6, gap.Where.Line);
    }
}
