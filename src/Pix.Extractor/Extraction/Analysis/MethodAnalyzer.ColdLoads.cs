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
    /// larger than L1 and smaller than L2, its L1 misses), a term <c>name × ColdLoadNs(footprint)</c>.
    /// The loads themselves are counted where the code makes them, at a hit's price; the term adds what a
    /// miss costs on top. It counts whole calls (<see cref="PendingTerm.CountsWholeCall"/>): a hint inside
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
    }

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
