using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Pix.Extraction.Costs;

namespace Pix.Extraction.Analysis;

/// <summary>
/// Receives the cost of each arm of a two-way branch (if/else, <c>?:</c>), each arm analysed on its
/// own from the state just before it: the alternatives of its paths, guarded by inputs the arm itself
/// tests. The constant-time checker compares them (docs/constant-time.md, "balanced arms").
/// </summary>
/// <param name="site">The branch (an <see cref="Microsoft.CodeAnalysis.Operations.IConditionalOperation"/>).</param>
/// <param name="arms">Per arm (true arm first), its path alternatives.</param>
internal delegate void ArmCostObserver(IOperation site, IReadOnlyList<IReadOnlyList<PathAlternative>> arms);

internal sealed partial class MethodAnalyzer
{
    private bool _observingArms;

    /// <summary>Set by the constant-time checker; null (nothing extra is walked) in ordinary extraction.</summary>
    public ArmCostObserver? ArmObserver { get; init; }

    /// <summary>
    /// Walks each arm once more on a fresh path set (as <see cref="CostliestArm"/> does) and hands the
    /// costs to <see cref="ArmObserver"/>; then restores every piece of state the walk touched. Branches
    /// nested in an arm are observed when the arm is walked for real, not during this extra walk.
    /// </summary>
    private void ObserveArms(IOperation site, Arm whenTrue, Arm whenFalse)
    {
        if (ArmObserver is null || _observingArms)
        {
            return;
        }

        PathSet outer = _paths;
        var environmentBefore = SnapshotEnvironment();
        var regionBefore = _region.Snapshot();
        var arms = new List<IReadOnlyList<PathAlternative>>();
        _observingArms = true;
        try
        {
            foreach (Arm arm in new[] { whenTrue, whenFalse })
            {
                RestoreEnvironment(environmentBefore);
                _region.Restore(regionBefore);
                _paths = PathSet.Start();
                arm.Walk();
                arms.Add(_paths.Alternatives.ToList());
            }
        }
        finally
        {
            _observingArms = false;
            _paths = outer;
            RestoreEnvironment(environmentBefore);
            _region.Restore(regionBefore);
        }

        ArmObserver(site, arms);
    }
}
