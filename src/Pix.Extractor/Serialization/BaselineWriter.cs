using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Json;
using Pix.Model;

namespace Pix.Serialization;

/// <summary>
/// Writes a <see cref="Baseline"/> as deterministic JSON: properties sorted ordinally, entries sorted by
/// method ID, two-space indentation, LF, no timestamps, numbers in round-trip form. Writing the same
/// baseline twice gives byte-identical text, so its diff in a pull request shows only real changes.
/// </summary>
/// <remarks>
/// Expressions and guards are written in a compact prefix form that reads like the formula:
/// a number, a quantity name (string), or an array whose first item is the operator
/// (<c>["*", "n", ["+", "m", 1]]</c>, <c>["&lt;", "n", 16]</c>); see docs/baseline-format.md.
/// </remarks>
public static class BaselineWriter
{
    /// <summary>The JSON text of <paramref name="baseline"/>, ending with a newline.</summary>
    public static string Write(Baseline baseline)
    {
        var methods = baseline.Entries
            .OrderBy(e => e.MethodId, StringComparer.Ordinal)
            .Select(e => new JsonProperty(e.MethodId, Entry(e)));
        var root = new JsonObject(new[]
        {
            new JsonProperty("schema", new JsonString(Baseline.SchemaName)),
            new JsonProperty("version", new JsonNumber(Baseline.CurrentVersion)),
            new JsonProperty("costModel", new JsonNumber(baseline.CostModel)),
            new JsonProperty("methods", new JsonObject(methods)),
        });
        return JsonWriter.Serialize(root, sortProperties: true);
    }

    /// <summary>The JSON of one interface (also used by <c>pix diff --format json</c>).</summary>
    internal static JsonNode Interface(InterfaceModel m)
    {
        var fields = new List<(string, JsonNode)>
        {
            ("methodName", new JsonString(m.MethodName)),
            ("resolution", Number(m.Resolution)),
            ("origin", Provenance(m.Origin)),
            ("quantities", new JsonArray(m.Quantities.Select(Quantity))),
            ("pieces", new JsonArray(m.Pieces.Select(Piece))),
            ("gaps", new JsonArray(m.Gaps.Select(Gap))),
        };

        // Optional, as coldLoads in a block: written only when there is something, so other files stay as they were.
        if (!m.GapsWithinResolution.IsEmpty)
        {
            fields.Add(("gapsWithinResolution", new JsonArray(m.GapsWithinResolution.Select(Gap))));
        }

        if (m.BranchSlack is { } slack)
        {
            fields.Add(("branchSlack", Number(slack)));
        }

        return Obj(fields.ToArray());
    }

    /// <summary>The prefix form of an expression.</summary>
    internal static JsonNode Expr(Expr e) => e switch
    {
        ConstExpr c => Number(c.Value),
        SymbolExpr s => new JsonString(s.Name),
        SumExpr s => Op("+", s.Terms.Select(Expr)),
        ProductExpr p => Op("*", p.Factors.Select(Expr)),
        MaxExpr m => Op("max", new[] { Expr(m.Left), Expr(m.Right) }),
        MinExpr m => Op("min", new[] { Expr(m.Left), Expr(m.Right) }),
        DivideExpr d => Op(d.Ceiling ? "ceildiv" : "floordiv", new[] { Expr(d.Numerator), Expr(d.Denominator) }),
        Log2Expr l => Op("log2", new[] { Expr(l.Argument) }),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown expression kind."),
    };

    /// <summary>The prefix form of a guard (<c>true</c> for <see cref="Guard.Always"/>).</summary>
    internal static JsonNode Guard(Guard g) => g switch
    {
        TrueGuard => new JsonBoolean(true),
        NotGuard n => Op("!", new[] { Guard(n.Operand) }),
        AndGuard a => Op("&&", new[] { Guard(a.Left), Guard(a.Right) }),
        OrGuard o => Op("||", new[] { Guard(o.Left), Guard(o.Right) }),
        CompareGuard c => Op(BaselineSyntax.ComparisonToken(c.Op), new[] { Expr(c.Left), Expr(c.Right) }),
        _ => throw new ArgumentOutOfRangeException(nameof(g), g.GetType().Name, "Unknown guard kind."),
    };

    private static JsonNode Entry(BaselineEntry e) => Obj(
        ("source", Obj(
            ("file", new JsonString(e.Source.File)),
            ("start", new JsonNumber(e.Source.Start)),
            ("length", new JsonNumber(e.Source.Length)),
            ("line", new JsonNumber(e.Source.Line)),
            ("endLine", new JsonNumber(e.Source.EndLine)),
            ("sha256", new JsonString(e.Source.Sha256)))),
        ("interface", Interface(e.Interface)));

    private static JsonNode Quantity(Quantity q)
    {
        var fields = new List<(string, JsonNode)>
        {
            ("name", new JsonString(q.Name)),
            ("kind", new JsonString(q.Kind.ToString())),
            ("description", new JsonString(q.Description)),
        };
        if (q.Expression is not null)
        {
            fields.Add(("expression", new JsonString(q.Expression)));
        }

        if (q.Bound is not null)
        {
            fields.Add(("bound", Expr(q.Bound)));
        }

        if (q.Origin is not null)
        {
            fields.Add(("origin", Provenance(q.Origin)));
        }

        return Obj(fields.ToArray());
    }

    private static JsonNode Piece(Piece p) => Obj(
        ("when", Guard(p.When)),
        ("kind", new JsonString(p.Origin.ToString())),
        ("terms", new JsonArray(p.Terms.Select(Term))));

    private static JsonNode Term(Term t) => Obj(
        ("count", Expr(t.Count)),
        ("block", Block(t.Block)),
        ("origin", Provenance(t.Origin)),
        ("description", new JsonString(t.Description)));

    private static JsonNode Block(BlockSummary b)
    {
        var fields = new List<(string, JsonNode)>
        {
            ("operations", new JsonObject(b.Operations.Select(c => new JsonProperty(c.Class.ToString(), Number(c.Count))))),
            ("chain", new JsonObject(b.Chain.Select(c => new JsonProperty(c.Class.ToString(), Number(c.Count))))),
            ("opaque", new JsonObject(b.Opaque.Select(c => new JsonProperty(c.Name, Number(c.Count))))),
        };

        // Written only when present, so blocks without them read as before and old readers' files stay alike.
        if (b.FoldedLoads != 0)
        {
            fields.Add(("foldedLoads", Number(b.FoldedLoads)));
        }

        if (b.TakenBranches != 0)
        {
            fields.Add(("takenBranches", Number(b.TakenBranches)));
        }

        if (!b.ColdLoads.IsEmpty)
        {
            fields.Add(("coldLoads", Loads(b.ColdLoads)));
        }

        if (b.L2Loads != 0)
        {
            fields.Add(("l2Loads", Number(b.L2Loads)));
        }

        if (!b.MemoryLoads.IsEmpty)
        {
            fields.Add(("memoryLoads", Loads(b.MemoryLoads)));
        }

        return Obj(fields.ToArray());
    }

    /// <summary>Loads by structure (<c>coldLoads</c>, <c>memoryLoads</c>): <c>[{ "footprintBytes": …, "count": … }]</c>.</summary>
    private static JsonArray Loads(EquatableArray<ColdLoad> loads) =>
        new(loads.Select(c => Obj(("footprintBytes", Number(c.FootprintBytes)), ("count", Number(c.Count)))));

    private static JsonNode Gap(Gap g) => Obj(
        ("kind", new JsonString(g.Kind.ToString())),
        ("construct", new JsonString(g.Construct)),
        ("reason", new JsonString(g.Reason)),
        ("where", Provenance(g.Where)));

    private static JsonNode Provenance(Provenance p) => Obj(
        ("file", new JsonString(p.FilePath)),
        ("start", new JsonNumber(p.Start)),
        ("length", new JsonNumber(p.Length)),
        ("line", new JsonNumber(p.Line)),
        ("endLine", new JsonNumber(p.EndLine)),
        ("construct", new JsonString(p.Construct)));

    private static JsonNode Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 9e15 ? new JsonNumber((long)value) : new JsonNumber(value);

    private static JsonArray Op(string op, IEnumerable<JsonNode> operands) =>
        new(new JsonNode[] { new JsonString(op) }.Concat(operands));

    private static JsonObject Obj(params (string Name, JsonNode Value)[] fields) =>
        new(fields.Select(f => new JsonProperty(f.Name, f.Value)));
}

/// <summary>Operator tokens shared by the writer and the reader.</summary>
internal static class BaselineSyntax
{
    public static string ComparisonToken(Comparison op) => op switch
    {
        Comparison.Less => "<",
        Comparison.LessOrEqual => "<=",
        Comparison.Greater => ">",
        Comparison.GreaterOrEqual => ">=",
        Comparison.Equal => "==",
        _ => "!=",
    };

    public static Comparison? ParseComparison(string token) => token switch
    {
        "<" => Comparison.Less,
        "<=" => Comparison.LessOrEqual,
        ">" => Comparison.Greater,
        ">=" => Comparison.GreaterOrEqual,
        "==" => Comparison.Equal,
        "!=" => Comparison.NotEqual,
        _ => null,
    };
}
