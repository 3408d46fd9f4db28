using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>
/// Scenarios whose cold-load PCVs are traced on one fixed machine's caches (the Xeon's), so that a test asserting
/// traced values or predictions from them passes on every machine, whatever its caches (MachineCachesTests covers
/// reading them).
/// </summary>
internal static class PinnedScenarios
{
    public static Scenario Create(string networkFunction, string workload) =>
        ScenarioCatalog.Create(networkFunction, workload, caches: MachineCaches.SapphireRapids);
}
