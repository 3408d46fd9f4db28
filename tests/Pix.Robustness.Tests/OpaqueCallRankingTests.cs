using System.Collections.Generic;
using System.Linq;
using Pix.Corpus;
using Pix.Model;

namespace Pix.Robustness.Tests;

/// <summary>The corpus report's ranking of opaque calls (which library model to write next).</summary>
public sealed class OpaqueCallRankingTests
{
    private static readonly Provenance Here = new("F.cs", 0, 1, 1, 1, "call");

    private static Gap Opaque(string api) => new(GapKind.OpaqueCall, "call to " + api, "no model", Here);

    [Fact]
    public void A_call_completes_only_the_methods_whose_every_gap_is_that_call()
    {
        var methods = new List<IReadOnlyList<Gap>>
        {
            new[] { Opaque("A.X()"), Opaque("A.X()") },                 // completed by a model of A.X (twice called)
            new[] { Opaque("A.X()"), Opaque("B.Y()") },                 // needs both
            new[] { Opaque("B.Y()"), new Gap(GapKind.UnboundedLoop, "while loop", "no bound", Here) }, // never completed by a model
            new[] { new Gap(GapKind.OpaqueCall, "delegate call", "target unknown", Here) },            // no API to model
            new Gap[0],
        };

        var rows = OpaqueCallRanking.Rank(methods).ToList();

        Assert.Equal(new[] { "A.X()", "B.Y()" }, rows.Select(r => r.Target));
        Assert.Equal((2, 1), (rows[0].Methods, rows[0].Alone));
        Assert.Equal((2, 0), (rows[1].Methods, rows[1].Alone));
    }
}
