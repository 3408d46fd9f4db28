using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Costs;
using Pix.Extraction.Inputs;
using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.Extraction.Analysis;

internal sealed partial class MethodAnalyzer
{
    private const string ColdLoadsHintName = "ColdLoads";

    /// <summary>
    /// <c>PixHint.ColdLoads(name, footprintBytes, description)</c>: the PCV <c>name</c> counts the call's
    /// loads that miss every cache level smaller than a structure of <c>footprintBytes</c> (in a table
    /// larger than L1 and smaller than L2, its L1 misses; in a larger one, its L2 misses), a term
    /// <c>name × ColdLoadNs(footprint)</c>; a second PCV, <c>{name}FromL2</c>, counts the loads that missed L1
    /// and were served by L2 (in a structure larger than L2 the first count leaves them out), a term
    /// <c>{name}FromL2 × L2HitNs</c>. The second is optional and defaults to 0 (its bound): every caller that
    /// passes the first count alone gets the prediction it got before the count was split, and a worst case
    /// loses nothing by holding it at 0, since a load served by L2 never costs more than one that missed it. It is
    /// ordered after the method's other PCVs, so that callers passing those by position still bind them. A third,
    /// <c>{name}FromMemory</c>, counts of the first count's loads those memory served, a term
    /// <c>{name}FromMemory × MemoryLoadNs(footprint)</c> (the memory plateau less what the first term charged); optional
    /// with bound 0 likewise, so a caller that does not pass it, and a worst case or a regression witness, price every load
    /// beyond L2 at the footprint as before (the count is the traffic's: only whoever traces the traffic can say it is not
    /// 0), and ordered after every <c>FromL2</c> PCV.
    /// The loads themselves are counted where the code makes them, at a hit's price; the terms add what a
    /// miss costs on top. They count whole calls (<see cref="PendingTerm.CountsWholeCall"/>): a hint inside
    /// a loop is still the call's count, which the loops around leave as it is.
    /// </summary>
    private void ReadColdLoadsHint(IInvocationOperation hint)
    {
        const string construct = "PixHint." + ColdLoadsHintName;
        if (PcvNames.FromHint(Argument(hint, "name")) is not { } name)
        {
            AddGap(GapKind.MisplacedHint, construct, "The PCV's name must be a constant C# identifier; the hint was ignored and its loads priced as L1 hits.", hint);
            return;
        }

        IOperation? size = Argument(hint, "footprintBytes");
        if (Footprint(size) is not { } footprintBytes)
        {
            AddGap(
                GapKind.MisplacedHint,
                construct,
                $"The structure's size must be a positive compile-time constant (e.g. Capacity * EntryBytes of const fields); '{size?.Syntax}' is not, so the hint was ignored and its loads priced as L1 hits.",
                hint);
            return;
        }

        string structure = MemoryLoadLatency.Describe((long)footprintBytes);
        string counts = $"loads that miss every cache level smaller than a structure of {structure}";
        string? description = Argument(hint, "description")?.ConstantValue.Value as string;
        Provenance where = SourceLocations.Of(hint, construct);
        QuantityInfo pcv = HintedPcv(name, description is { Length: > 0 } d ? $"{d}: {counts}" : counts, bound: null, where, hint);

        BlockSummary misses = BlockSummary.Create(Array.Empty<OperationCount>(), coldLoads: new[] { new ColdLoad(footprintBytes, 1) });
        _paths.AddTerm(new PendingTerm(misses, Poly.Of(pcv.Atom), where, $"{pcv.Name} cold loads in {structure}") { CountsWholeCall = true });

        string servedByL2 = $"loads into a structure of {structure} that missed L1 and were served by L2 (0 when it is smaller than L2: {name} counts them)";
        QuantityInfo fromL2 = HintedPcv(name + FromL2Suffix, description is { Length: > 0 } e ? $"{e}: {servedByL2}" : servedByL2, Poly.Zero, where, hint, trailingTier: FromL2Tier);
        BlockSummary l2Hits = BlockSummary.Create(Array.Empty<OperationCount>(), l2Loads: 1);
        _paths.AddTerm(new PendingTerm(l2Hits, Poly.Of(fromL2.Atom), where, $"{fromL2.Name} loads served by L2 in {structure}") { CountsWholeCall = true });

        string servedByMemory = $"of the {name} loads into a structure of {structure}, those memory served (they missed the last cache level too)";
        QuantityInfo fromMemory = HintedPcv(name + FromMemorySuffix, description is { Length: > 0 } f ? $"{f}: {servedByMemory}" : servedByMemory, Poly.Zero, where, hint, trailingTier: FromMemoryTier);
        BlockSummary memoryLoads = BlockSummary.Create(Array.Empty<OperationCount>(), memoryLoads: new[] { new ColdLoad(footprintBytes, 1) });
        _paths.AddTerm(new PendingTerm(memoryLoads, Poly.Of(fromMemory.Atom), where, $"{fromMemory.Name} loads served by memory in {structure}") { CountsWholeCall = true });
    }

    /// <summary>The suffix of a <c>PixHint.ColdLoads</c> hint's second PCV, the loads served by L2: <c>flowTableMissesFromL2</c>.</summary>
    internal const string FromL2Suffix = "FromL2";

    /// <summary>The suffix of a <c>PixHint.ColdLoads</c> hint's third PCV, the loads memory served: <c>flowTableMissesFromMemory</c>.</summary>
    internal const string FromMemorySuffix = "FromMemory";

    // The order optional PCVs were added in, each after the last: every FromL2 PCV (fifteenth session) before every
    // FromMemory PCV (seventeenth), so a caller that passes a method's FromL2 PCVs by position still binds them.
    private const int FromL2Tier = 1;
    private const int FromMemoryTier = 2;

    /// <summary>The argument bound to parameter <paramref name="parameter"/>, or null.</summary>
    private static IOperation? Argument(IInvocationOperation call, string parameter) =>
        call.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameter)?.Value;

    /// <summary>A positive, finite compile-time constant, as a number of bytes; otherwise null.</summary>
    private static double? Footprint(IOperation? size)
    {
        if (size?.ConstantValue is not { HasValue: true, Value: IConvertible constant } || constant is string or bool or char)
        {
            return null;
        }

        double bytes = constant.ToDouble(CultureInfo.InvariantCulture);
        return bytes > 0 && !double.IsInfinity(bytes) ? bytes : null;
    }
}
