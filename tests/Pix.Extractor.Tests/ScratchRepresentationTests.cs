using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Pix.Extraction.Analysis;
using Pix.Extraction.Costs;
using Pix.Model;
using Pix.Testing;
using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// The seventeenth session's cheaper representations of the analysis's scratch state (docs/robustness.md, "Seventeenth
/// session: the large bodies' allocation"): an operation vector that lends its counts until a write, a flow's paths by
/// origin as an array of pairs, a path's opaque calls as a sorted array, a summary's gaps as a log of its own gaps and
/// its callees' logs, the bodies read as a union of lists. Each must answer as the plain structure it replaced, on
/// random sequences of the operations the analysis performs, bit for bit and in the same order.
/// </summary>
public sealed class ScratchRepresentationTests
{
    private static readonly IReadOnlyList<OperationClass> Classes = HardwareProfile.AllClasses;

    [Fact]
    public void Vectors_that_lend_their_counts_read_as_vectors_of_their_own()
    {
        var random = new Random(17);
        for (int round = 0; round < 40; round++)
        {
            var vectors = new List<OperationVector>();
            var dense = new List<double[]>();
            var extra = new List<(double Folded, double Taken)>();
            for (int step = 0; step < 300; step++)
            {
                int which = vectors.Count == 0 ? 0 : random.Next(6);
                int i = vectors.Count == 0 ? 0 : random.Next(vectors.Count);
                switch (which)
                {
                    case 0:
                        vectors.Add(new OperationVector());
                        dense.Add(new double[Classes.Count]);
                        extra.Add((0, 0));
                        break;
                    case 1:
                        vectors.Add(vectors[i].Clone());
                        dense.Add((double[])dense[i].Clone());
                        extra.Add(extra[i]);
                        break;
                    case 2:
                    {
                        var c = Classes[random.Next(Classes.Count)];
                        double n = random.Next(1, 5);
                        vectors[i].Add(c, n);
                        dense[i][(int)c] += n;
                        break;
                    }

                    case 3:
                    case 4:
                    {
                        // Mostly a factor of one (the case that lends), sometimes another, sometimes a vector into itself.
                        int j = random.Next(vectors.Count);
                        double factor = random.Next(4) == 0 ? 0.5 * random.Next(1, 5) : 1;
                        double[] other = (double[])dense[j].Clone();
                        var (folded, taken) = extra[j];
                        vectors[i].Add(vectors[j], factor);
                        for (int k = 0; k < other.Length; k++)
                        {
                            dense[i][k] += other[k] * factor;
                        }

                        extra[i] = (extra[i].Folded + folded * factor, extra[i].Taken + taken * factor);
                        break;
                    }

                    default:
                        vectors[i].AddFoldedLoads(1).AddTakenBranches(2);
                        extra[i] = (extra[i].Folded + 1, extra[i].Taken + 2);
                        break;
                }

                // Every vector, not only the one written: a write through a lent array would show in the others.
                for (int v = 0; v < vectors.Count; v++)
                {
                    AssertReads(dense[v], extra[v], vectors[v]);
                }
            }
        }
    }

    [Fact]
    public void Paths_by_origin_combine_as_the_dictionary_did()
    {
        Compilation compilation = TestCompilation.Create("class C { " + string.Concat(Enumerable.Range(0, 24).Select(i => $"int f{i}; ")) + "}");
        INamedTypeSymbol type = compilation.GetTypeByMetadataName("C")!;
        ISymbol[] symbols = Enumerable.Range(0, 24).Select(i => type.GetMembers("f" + i).Single()).ToArray();
        var random = new Random(23);

        // Few distinct latencies, so that ties (the first kept) are common.
        OperationVector RandomPath() => OperationVector.Of((OperationClass.IntegerAlu, random.Next(0, 4)), (OperationClass.Load, random.Next(0, 2)));

        for (int round = 0; round < 300; round++)
        {
            // Flows with up to 20 origins: both the linear and the indexed look-ups.
            var operands = new List<DependencyFlow>();
            int operandCount = random.Next(1, 5);
            for (int o = 0; o < operandCount; o++)
            {
                int origins = random.Next(0, random.Next(2) == 0 ? 4 : 21);
                var parts = symbols.OrderBy(_ => random.Next()).Take(origins)
                    .Select(s => DependencyFlow.Origin(s).Then(RandomPath())).ToList();
                operands.Add(random.Next(5) == 0 && operands.Count > 0 ? operands[random.Next(operands.Count)] : DependencyFlow.Combine(parts));
            }

            DependencyFlow combined = DependencyFlow.Combine(operands);
            List<KeyValuePair<ISymbol, OperationVector>> expected = ReferenceCombine(operands);
            Assert.Equal(expected.Select(e => e.Key), combined.FromOrigin.Select(e => e.Key));
            Assert.Equal(expected.Count, combined.FromOrigin.Count);
            for (int k = 0; k < expected.Count; k++)
            {
                Assert.Same(expected[k].Value, combined.FromOrigin.ElementAt(k).Value);
            }

            foreach (ISymbol symbol in symbols)
            {
                KeyValuePair<ISymbol, OperationVector>? entry = expected.Where(e => SymbolEqualityComparer.Default.Equals(e.Key, symbol)).Cast<KeyValuePair<ISymbol, OperationVector>?>().FirstOrDefault();
                Assert.Equal(entry is not null, combined.FromOrigin.TryGetValue(symbol, out OperationVector? path));
                Assert.Same(entry?.Value, entry is null ? null : path);
            }

            // Fed through operations: the same origins in the same order, each path plus the operations.
            DependencyFlow fed = combined.Then(OperationVector.Of((OperationClass.IntegerMultiply, 1)));
            Assert.Equal(combined.FromOrigin.Select(e => e.Key), fed.FromOrigin.Select(e => e.Key));
            foreach (var (before, after) in combined.FromOrigin.Zip(fed.FromOrigin, (b, a) => (b.Value, a.Value)))
            {
                Assert.Equal(before[OperationClass.IntegerMultiply] + 1, after[OperationClass.IntegerMultiply]);
                Assert.Equal(before[OperationClass.IntegerAlu], after[OperationClass.IntegerAlu]);
            }
        }
    }

    [Fact]
    public void Opaque_counts_hold_what_a_sorted_dictionary_held()
    {
        string[] names = { "b", "a", "Stream.Read", "stream.read", "Z", "a.b", "", "Ω", "delegate Func`1", "a" + "\u0301" };
        var random = new Random(29);
        for (int round = 0; round < 200; round++)
        {
            var counts = new List<OpaqueCounts> { new() };
            var reference = new List<SortedDictionary<string, double>> { new(StringComparer.Ordinal) };
            for (int step = 0; step < 40; step++)
            {
                int i = random.Next(counts.Count);
                if (random.Next(5) == 0)
                {
                    counts.Add(counts[i].Copy());
                    reference.Add(new SortedDictionary<string, double>(reference[i], StringComparer.Ordinal));
                    continue;
                }

                string name = names[random.Next(names.Length)];
                double count = random.Next(1, 4) * 0.5;
                counts[i].Add(name, count);
                reference[i][name] = reference[i].TryGetValue(name, out double known) ? known + count : count;
                for (int c = 0; c < counts.Count; c++)
                {
                    Assert.Equal(reference[c].Select(e => (e.Key, e.Value)), counts[c].Select(e => (e.Key, e.Value)));
                    Assert.Equal(reference[c].Count, counts[c].Count);
                    foreach (string n in names)
                    {
                        Assert.Equal(reference[c].TryGetValue(n, out double r), counts[c].TryGetValue(n, out double v));
                        Assert.Equal(r, v);
                    }
                }
            }
        }
    }

    [Fact]
    public void A_gap_log_lists_what_copying_every_callees_gaps_listed()
    {
        var random = new Random(31);
        for (int round = 0; round < 200; round++)
        {
            // Summaries composed bottom-up: each reports own gaps (repeats among them) and takes earlier summaries,
            // some more than once, so that the logs share callees at several depths.
            var logs = new List<GapLog>();
            var copies = new List<List<Gap>>();
            int summaries = random.Next(1, 12);
            for (int s = 0; s < summaries; s++)
            {
                var log = new GapLog();
                var copy = new List<Gap>();
                var keys = new HashSet<(GapKind, string, string, int, int)>();
                void Report(Gap gap)
                {
                    if (keys.Add(GapLog.KeyOf(gap)))
                    {
                        copy.Add(gap);
                    }
                }

                int events = random.Next(0, 8);
                for (int e = 0; e < events; e++)
                {
                    if (logs.Count > 0 && random.Next(2) == 0)
                    {
                        int taken = random.Next(logs.Count);
                        log.Add(logs[taken]);
                        foreach (Gap gap in copies[taken])
                        {
                            Report(gap);
                        }
                    }
                    else
                    {
                        Gap gap = RandomGap(random);
                        log.Add(gap);
                        Report(gap);
                    }
                }

                logs.Add(log);
                copies.Add(copy);
                Assert.Equal(copy, log.Distinct());

                // The session keeps the first of each key of what it is given: the log's walk, repeats and all, gives
                // the list the copy gave (and the same after a gap the session already had).
                Gap earlier = RandomGap(random);
                Assert.Equal(SessionList(earlier, copy), SessionList(earlier, log.InOrder()));
            }
        }
    }

    [Fact]
    public void The_bodies_read_union_holds_what_a_set_of_every_list_held()
    {
        Compilation compilation = TestCompilation.Create("class C { " + string.Concat(Enumerable.Range(0, 12).Select(i => $"void M{i}() {{ }} ")) + "}");
        INamedTypeSymbol type = compilation.GetTypeByMetadataName("C")!;
        IMethodSymbol[] methods = Enumerable.Range(0, 12).Select(i => (IMethodSymbol)type.GetMembers("M" + i).Single()).ToArray();
        var random = new Random(37);
        for (int round = 0; round < 200; round++)
        {
            var lists = Enumerable.Range(0, 4).Select(_ => methods.OrderBy(_ => random.Next()).Take(random.Next(0, 6)).ToArray()).ToList();
            var union = new BodiesReadUnion();
            var set = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            int adds = random.Next(0, 10);
            for (int a = 0; a < adds; a++)
            {
                // The same list again (a callee called twice), or an equal list that is another object.
                IMethodSymbol[] list = random.Next(4) == 0 ? lists[random.Next(lists.Count)].ToArray() : lists[random.Next(lists.Count)];
                union.Add(list);
                set.UnionWith(list);
            }

            Assert.Equal(set.ToArray(), union.WithRepeats().Distinct(SymbolEqualityComparer.Default).ToArray());
        }
    }

    private static Gap RandomGap(Random random)
    {
        // Few keys, so that repeats are common; the reason is not part of the key (the first report's is kept).
        int place = random.Next(4);
        return new Gap((GapKind)random.Next(3), "construct " + random.Next(3), "reason " + random.Next(100), new Provenance("f.cs", place * 10, 5, place, place, "c"));
    }

    private static List<Gap> SessionList(Gap earlier, IEnumerable<Gap> gaps)
    {
        var keys = new HashSet<(GapKind, string, string, int, int)> { GapLog.KeyOf(earlier) };
        var list = new List<Gap> { earlier };
        foreach (Gap gap in gaps)
        {
            if (keys.Add(GapLog.KeyOf(gap)))
            {
                list.Add(gap);
            }
        }

        return list;
    }

    private static void AssertReads(double[] dense, (double Folded, double Taken) extra, OperationVector vector)
    {
        HardwareProfile reference = HardwareProfile.Reference;
        double latency = 0;
        for (int k = 0; k < dense.Length; k++)
        {
            Assert.Equal(dense[k], vector[(OperationClass)k]);
            latency += dense[k] * reference.LatencyNs((OperationClass)k);
        }

        Assert.Equal(extra.Folded, vector.FoldedLoads);
        Assert.Equal(extra.Taken, vector.TakenBranches);
        Assert.Equal(latency, vector.ReferenceLatency());
        Assert.Equal(dense.All(c => c == 0) && extra.Folded == 0 && extra.Taken == 0, vector.IsEmpty);
    }

    /// <summary>DependencyFlow.Combine's paths as the dictionary made them (before the seventeenth session).</summary>
    private static List<KeyValuePair<ISymbol, OperationVector>> ReferenceCombine(IReadOnlyList<DependencyFlow> operands)
    {
        if (operands.Count == 1 || operands.All(o => ReferenceEquals(o, operands[0])))
        {
            return operands[0].FromOrigin.ToList();
        }

        Dictionary<ISymbol, OperationVector>? origins = null;
        foreach (DependencyFlow operand in operands)
        {
            if (operand.FromOrigin.Count == 0)
            {
                continue;
            }

            if (origins is null)
            {
                origins = new Dictionary<ISymbol, OperationVector>(SymbolEqualityComparer.Default);
                foreach (var path in operand.FromOrigin)
                {
                    origins[path.Key] = path.Value;
                }

                continue;
            }

            foreach (var path in operand.FromOrigin)
            {
                origins[path.Key] = origins.TryGetValue(path.Key, out OperationVector? existing) ? OperationVector.Longer(existing, path.Value) : path.Value;
            }
        }

        return origins?.ToList() ?? new List<KeyValuePair<ISymbol, OperationVector>>();
    }
}
