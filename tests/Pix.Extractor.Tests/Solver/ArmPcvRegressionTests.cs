using System.Threading;
using Pix.Extraction;
using Pix.Model;
using Pix.Solver;

namespace Pix.Extractor.Tests.Solver;

/// <summary>The regression check on interfaces whose pieces are guarded by a branch-arm PCV.</summary>
public sealed class ArmPcvRegressionTests
{
    private const string Source = @"static class C {
        public static int M(byte[] packet, int[] table) {
            int sum = packet[0];
            if (packet[6] != 0) { PixHint.Pcv(""patched""); ARM }
            return sum; } }";

    private static InterfaceModel Extract(string arm) =>
        Extraction.Extract(Source.Replace("ARM", arm), options: ExtractionOptions.Default with { DefaultResolution = 0 });

    [Fact]
    public void A_costlier_hinted_arm_is_a_regression_whose_witness_takes_the_arm_within_its_bound()
    {
        InterfaceModel before = Extract("table[1] = packet[2] * 5;");
        InterfaceModel after = Extract("table[1] = packet[2] * 5; table[2] = packet[3] / 3; table[3] = packet[4] / 7; table[4] = packet[5] / 9;");
        var question = new RegressionQuestion(before, after, 0.10, HardwareProfile.Reference);

        SolverAnswer answer = WitnessSearch.FindSmallest(Z3EngineTests.Engine(), question, SolverOptions.Default, CancellationToken.None);

        Assert.Equal(SolverVerdict.Found, answer.Verdict);
        Assert.Equal(1, answer.Witness["patched"]);
    }

    [Fact]
    public void The_same_hinted_interface_is_proved_not_to_regress()
    {
        InterfaceModel model = Extract("table[1] = packet[2] * 5; table[2] = packet[3] / 3;");
        var question = new RegressionQuestion(model, model, 0.10, HardwareProfile.Reference);
        Assert.Equal(SolverVerdict.Impossible, Z3EngineTests.Engine().Check(question, CancellationToken.None).Verdict);
    }
}
