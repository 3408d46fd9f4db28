using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>The PCV values each measured packet of a workload induced: one row per packet, one column per PCV.</summary>
public sealed class PcvTrace
{
    private readonly int[,] _values;

    /// <summary>Wraps a table of values.</summary>
    public PcvTrace(IReadOnlyList<string> names, int[,] values)
    {
        Names = names;
        _values = values;
    }

    /// <summary>The PCV names (columns).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of packets (rows).</summary>
    public int PacketCount => _values.GetLength(0);

    /// <summary>The value of PCV <paramref name="pcv"/> for packet <paramref name="packet"/>.</summary>
    public int this[int packet, int pcv] => _values[packet, pcv];

    /// <summary>The values of one PCV over all packets.</summary>
    public int[] Column(string name)
    {
        int pcv = IndexOf(name);
        var column = new int[PacketCount];
        for (int i = 0; i < column.Length; i++)
        {
            column[i] = _values[i, pcv];
        }

        return column;
    }

    /// <summary>"name: mean m, median p50, max x" for every PCV.</summary>
    public string Summarize()
    {
        if (Names.Count == 0)
        {
            return "(no PCVs)";
        }

        return string.Join("; ", Names.Select(name =>
        {
            int[] column = Column(name);
            Array.Sort(column);
            double mean = column.Length == 0 ? 0 : column.Average();
            int median = column.Length == 0 ? 0 : column[column.Length / 2];
            int max = column.Length == 0 ? 0 : column[^1];
            return $"{name}: mean {mean:0.##}, median {median}, max {max}";
        }));
    }

    private int IndexOf(string name)
    {
        for (int i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"No PCV named '{name}'; this trace has {string.Join(", ", Names)}.", nameof(name));
    }
}
