using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>Every network function with its workloads, by name: what the driver and the tests iterate over.</summary>
public static class ScenarioCatalog
{
    /// <summary>The seed used when none is given.</summary>
    public const ulong DefaultSeed = 2022;

    private static readonly (string Name, IReadOnlyList<string> Workloads, Func<string, ulong, Scenario> Create)[] Functions =
    {
        ("nat", NatScenario.WorkloadNames, NatScenario.Create),
        ("lb", LoadBalancerScenario.WorkloadNames, LoadBalancerScenario.Create),
        ("bridge", BridgeScenario.WorkloadNames, BridgeScenario.Create),
        ("router", RouterScenario.WorkloadNames, RouterScenario.Create),
        ("firewall", FirewallScenario.WorkloadNames, FirewallScenario.Create),
        ("policer", PolicerScenario.WorkloadNames, PolicerScenario.Create),
    };

    /// <summary>The network functions' short names.</summary>
    public static IEnumerable<string> NetworkFunctions => Functions.Select(f => f.Name);

    /// <summary>The workloads of <paramref name="networkFunction"/>.</summary>
    public static IReadOnlyList<string> WorkloadsOf(string networkFunction) => Find(networkFunction).Workloads;

    /// <summary>Every (network function, workload) pair.</summary>
    public static IEnumerable<(string NetworkFunction, string Workload)> All =>
        Functions.SelectMany(f => f.Workloads.Select(w => (f.Name, w)));

    /// <summary>
    /// Builds the scenario (the traffic is generated here, deterministically from <paramref name="seed"/>); its cold-load
    /// PCVs are traced on <paramref name="caches"/>, this machine's when null.
    /// </summary>
    public static Scenario Create(string networkFunction, string workload, ulong seed = DefaultSeed, MachineCaches? caches = null)
    {
        Scenario scenario = Find(networkFunction).Create(workload, seed);
        scenario.Caches = caches ?? MachineCaches.Current;
        return scenario;
    }

    private static (string Name, IReadOnlyList<string> Workloads, Func<string, ulong, Scenario> Create) Find(string name)
    {
        foreach (var function in Functions)
        {
            if (function.Name == name)
            {
                return function;
            }
        }

        throw new ArgumentException($"Unknown network function '{name}'; choose one of {string.Join(", ", NetworkFunctions)}.", nameof(name));
    }
}
