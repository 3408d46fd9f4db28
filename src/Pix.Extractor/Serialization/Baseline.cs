using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Model;

namespace Pix.Serialization;

/// <summary>
/// The contents of <c>pix.baseline.json</c>: the committed performance interface of every annotated
/// method, keyed by documentation comment ID, with the source each came from. See
/// docs/baseline-format.md for the schema.
/// </summary>
/// <param name="Entries">One entry per method, sorted by <see cref="BaselineEntry.MethodId"/> (ordinal).</param>
public sealed record Baseline(EquatableArray<BaselineEntry> Entries)
{
    /// <summary>The schema version this build writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>
    /// The cost model this build's interfaces are counted under: 2 since interfaces count
    /// <see cref="OperationClass.BranchMiss"/> (fifth session), 3 since a scaled <c>lea</c> on a chain is one
    /// <see cref="OperationClass.ScaledLea"/> where it was two <see cref="OperationClass.IntegerAlu"/>
    /// (twelfth session), 4 since a data-stopped loop's mispredicted exit is one <see cref="OperationClass.LoopExitMiss"/>
    /// where it was one <see cref="OperationClass.BranchMiss"/> (twenty-third session). A file without a
    /// <c>costModel</c> property was written under model 1.
    /// </summary>
    public const int CurrentCostModel = 4;

    /// <summary>
    /// The cost model the file's interfaces were counted under (<see cref="CurrentCostModel"/> for a
    /// baseline built now). A regression check against an older one compares like with like: it prices
    /// both interfaces without what the older model did not count, so upgrading Pix does not read as a
    /// regression of every method that gained a term.
    /// </summary>
    public int CostModel { get; init; } = CurrentCostModel;

    /// <summary>
    /// The profile that compares an interface of this build with this baseline's: <paramref name="profile"/>,
    /// with the classes the baseline's cost model did not count priced as that model counted them: a loop's
    /// mispredicted exit as the profile's <see cref="OperationClass.BranchMiss"/> (before model 4), a miss of either kind
    /// at zero (before model 2), a scaled <c>lea</c> on a chain at two ALU latencies (before model 3, whose chains
    /// held two <see cref="OperationClass.IntegerAlu"/> where this build's hold one <see cref="OperationClass.ScaledLea"/>).
    /// </summary>
    public HardwareProfile ComparableProfile(HardwareProfile profile)
    {
        HardwareProfile comparable = profile;
        if (CostModel < 4)
        {
            var branchMiss = new OperationCost(profile.LatencyNs(OperationClass.BranchMiss), profile.ThroughputNs(OperationClass.BranchMiss));
            comparable = comparable.With(OperationClass.LoopExitMiss, branchMiss);
        }

        if (CostModel < 2)
        {
            comparable = comparable.With(OperationClass.BranchMiss, new OperationCost(0, 0)).With(OperationClass.LoopExitMiss, new OperationCost(0, 0));
        }

        double twoAlu = 2 * comparable.LatencyNs(OperationClass.IntegerAlu);
        return CostModel < 3 ? comparable.With(OperationClass.ScaledLea, new OperationCost(twoAlu, twoAlu)) : comparable;
    }

    /// <summary>The value of the file's <c>schema</c> property (tells a baseline from any other JSON).</summary>
    public const string SchemaName = "pix.baseline";

    /// <summary>The conventional file name.</summary>
    public const string FileName = "pix.baseline.json";

    /// <summary>A baseline of <paramref name="entries"/>, sorted; a later entry with the same ID replaces an earlier one.</summary>
    public static Baseline Create(IEnumerable<BaselineEntry> entries)
    {
        var byId = new SortedDictionary<string, BaselineEntry>(StringComparer.Ordinal);
        foreach (BaselineEntry entry in entries)
        {
            byId[entry.MethodId] = entry;
        }

        return new Baseline(byId.Values.ToEquatableArray());
    }

    /// <summary>The entry of <paramref name="methodId"/>, or null.</summary>
    public BaselineEntry? Find(string methodId)
    {
        foreach (BaselineEntry entry in Entries)
        {
            if (string.Equals(entry.MethodId, methodId, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return null;
    }
}

/// <summary>One method's committed interface.</summary>
/// <param name="Interface">The interface (its <see cref="InterfaceModel.MethodId"/> is the key).</param>
/// <param name="Source">Where it came from when the baseline was written.</param>
public sealed record BaselineEntry(InterfaceModel Interface, SourceInfo Source)
{
    /// <summary>The method's documentation comment ID.</summary>
    public string MethodId => Interface.MethodId;
}

/// <summary>The source a baseline entry was extracted from.</summary>
/// <param name="File">The file's path relative to the project directory, with '/' separators.</param>
/// <param name="Start">Start offset of the method's declaration in the file.</param>
/// <param name="Length">Length of the declaration.</param>
/// <param name="Line">1-based first line.</param>
/// <param name="EndLine">1-based last line.</param>
/// <param name="Sha256">SHA-256 of the declaration's text (lowercase hex), to tell an edited method from an unchanged one.</param>
public sealed record SourceInfo(string File, int Start, int Length, int Line, int EndLine, string Sha256)
{
    /// <summary>SHA-256 of <paramref name="text"/> (UTF-8, line ends normalised to LF) as lowercase hex.</summary>
    public static string HashOf(string text)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n"));
        using var sha = System.Security.Cryptography.SHA256.Create();
        return string.Concat(sha.ComputeHash(bytes).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
