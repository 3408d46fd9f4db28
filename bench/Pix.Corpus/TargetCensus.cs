using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Pix.Targets;

namespace Pix.Corpus;

/// <summary>
/// Of every method with a body, how many annotate-all mode targets, and why the others get no companion
/// (<see cref="MethodSupport"/>'s verdict: constructors, accessors, operators, explicit interface
/// implementations, …).
/// </summary>
internal sealed record TargetCensus(int Methods, int ImplicitTargets, IReadOnlyList<KeyValuePair<string, int>> Skipped)
{
    public static TargetCensus Of(IReadOnlyList<MethodTarget> targets)
    {
        int implicitTargets = 0;
        var skipped = new Dictionary<string, int>();
        foreach (MethodTarget target in targets)
        {
            if (MethodSupport.IsImplicitTarget(target.Symbol, CancellationToken.None))
            {
                implicitTargets++;
                continue;
            }

            MethodSupport support = MethodSupport.Check(target.Symbol, CancellationToken.None);
            string reason = support.Status switch
            {
                MethodSupportStatus.NotPartial => "type not partial",
                MethodSupportStatus.Unsupported => support.Reason.ToString(),
                _ => "annotated itself, or an annotated overload takes its companion",
            };
            skipped[reason] = skipped.TryGetValue(reason, out int n) ? n + 1 : 1;
        }

        return new TargetCensus(targets.Count, implicitTargets, skipped.OrderByDescending(p => p.Value).ThenBy(p => p.Key, System.StringComparer.Ordinal).ToList());
    }
}
