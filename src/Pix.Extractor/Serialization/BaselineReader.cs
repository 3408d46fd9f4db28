using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Pix.Json;
using Pix.Model;

namespace Pix.Serialization;

/// <summary>A problem in a baseline file, at a position inside it (1-based line and column; offset from 0).</summary>
public sealed record BaselineError(string Message, int Line, int Column, int Offset);

/// <summary>What reading a baseline gave: the entries that were readable, and an error for each part that was not.</summary>
/// <param name="Baseline">The readable entries (empty when the file as a whole is unreadable).</param>
/// <param name="Errors">Each problem, located in the file.</param>
public sealed record BaselineReadResult(Baseline Baseline, IReadOnlyList<BaselineError> Errors);

/// <summary>
/// Reads <c>pix.baseline.json</c>. Never throws on bad input: a file that is not JSON, too big or too
/// deep, of another schema or version gives one error and no entries; an entry that does not fit the
/// schema gives an error at its position and the other entries are still read.
/// </summary>
public static class BaselineReader
{
    /// <summary>Deepest nesting accepted (expressions nest; 64 levels of formula are far beyond real code).</summary>
    private static readonly JsonReaderOptions Limits = new() { MaxDepth = 128 };

    /// <summary>Reads <paramref name="text"/>; <paramref name="sourceName"/> names it in messages.</summary>
    public static BaselineReadResult Read(string text, string sourceName)
    {
        var errors = new List<BaselineError>();
        var entries = new List<BaselineEntry>();
        int costModel = Baseline.CurrentCostModel;
        try
        {
            JsonFields root = JsonFields.Root(JsonReader.Parse(text, sourceName, Limits), sourceName, "a Pix baseline");
            string schema = root.RequireString("schema");
            if (schema != Baseline.SchemaName)
            {
                throw root.Error(root.Require("schema"), "schema", $"expected '{Baseline.SchemaName}', found '{schema}': this is not a Pix baseline");
            }

            long version = root.RequireInteger("version");
            if (version != Baseline.CurrentVersion)
            {
                throw root.Error(root.Require("version"), "version",
                    $"schema version {version} is not supported by this Pix (it reads version {Baseline.CurrentVersion}); regenerate with 'pix baseline update'");
            }

            root.RejectUnknown("schema", "version", "costModel", "methods");
            costModel = root.Object["costModel"] is not null ? (int)root.RequireInteger("costModel", 1, Baseline.CurrentCostModel) : 1;
            foreach ((JsonProperty property, JsonFields fields) in root.RequireObject("methods").ObjectProperties())
            {
                try
                {
                    entries.Add(Entry(property.Name, fields, sourceName));
                }
                catch (JsonFormatException e)
                {
                    errors.Add(new BaselineError(e.Message, e.Line, e.Column, e.Offset));
                }
            }
        }
        catch (JsonFormatException e)
        {
            errors.Add(new BaselineError(e.Message, e.Line, e.Column, e.Offset));
        }

        return new BaselineReadResult(Baseline.Create(entries) with { CostModel = costModel }, errors);
    }

    private static BaselineEntry Entry(string methodId, JsonFields fields, string source)
    {
        fields.RejectUnknown("source", "interface");
        JsonFields s = fields.RequireObject("source");
        s.RejectUnknown("file", "start", "length", "line", "endLine", "sha256");
        var info = new SourceInfo(
            s.RequireString("file"),
            (int)s.RequireInteger("start", 0, int.MaxValue),
            (int)s.RequireInteger("length", 0, int.MaxValue),
            (int)s.RequireInteger("line", 0, int.MaxValue),
            (int)s.RequireInteger("endLine", 0, int.MaxValue),
            s.RequireString("sha256"));
        return new BaselineEntry(Interface(methodId, fields.RequireObject("interface"), source), info);
    }

    internal static InterfaceModel Interface(string methodId, JsonFields m, string source)
    {
        m.RejectUnknown("methodName", "resolution", "origin", "quantities", "pieces", "gaps", "gapsWithinResolution", "branchSlack");
        var quantities = Items(m, "quantities", source).Select(q => Quantity(q, source)).ToEquatableArray();
        var pieces = Items(m, "pieces", source).Select(p => Piece(p, source)).ToEquatableArray();
        if (pieces.IsEmpty || pieces[pieces.Count - 1].When is not TrueGuard)
        {
            throw m.Error(m.Require("pieces"), "pieces", "the last piece must have \"when\": true (the interface must cover every input)");
        }

        return new InterfaceModel(
            methodId,
            m.RequireString("methodName"),
            quantities,
            pieces,
            Items(m, "gaps", source).Select(g => Gap(g, source)).ToEquatableArray(),
            Resolution(m),
            Provenance(m.RequireObject("origin")))
        {
            GapsWithinResolution = m.Object["gapsWithinResolution"] is not null
                ? Items(m, "gapsWithinResolution", source).Select(g => Gap(g, source)).ToEquatableArray()
                : EquatableArray<Gap>.Empty,
            BranchSlack = m.Object["branchSlack"] is null ? null : Finite(m, "branchSlack"),
        };
    }

    private static IEnumerable<JsonFields> Items(JsonFields parent, string name, string source)
    {
        JsonArray array = parent.RequireArray(name);
        for (int i = 0; i < array.Items.Count; i++)
        {
            JsonNode item = array.Items[i];
            string path = parent.PathOf(name) + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            yield return item is JsonObject obj
                ? new JsonFields(obj, source, path)
                : throw new JsonFormatException(source, item.Position, $"{path}: expected an object, found {item.KindDescription}");
        }
    }

    private static Quantity Quantity(JsonFields q, string source)
    {
        q.RejectUnknown("name", "kind", "description", "expression", "bound", "origin");
        return new Quantity(
            q.RequireString("name"),
            Enum<QuantityKind>(q, "kind"),
            q.OptionalString("expression"),
            q.RequireString("description"),
            q.Object["bound"] is { } bound ? Expr(bound, q.PathOf("bound"), source) : null,
            q.OptionalObject("origin") is { } origin ? Provenance(origin) : null);
    }

    private static Piece Piece(JsonFields p, string source)
    {
        p.RejectUnknown("when", "kind", "terms");
        return new Piece(
            Guard(p.Require("when"), p.PathOf("when"), source),
            Items(p, "terms", source).Select(t => Term(t, source)).ToEquatableArray(),
            Enum<PieceOrigin>(p, "kind"));
    }

    private static Term Term(JsonFields t, string source)
    {
        t.RejectUnknown("count", "block", "origin", "description");
        JsonFields b = t.RequireObject("block");
        b.RejectUnknown("operations", "chain", "opaque", "foldedLoads", "takenBranches", "coldLoads", "l2Loads", "memoryLoads");
        // Create normalises (classes in enum order, opaque calls by name), as the extractor does, so a
        // model read back compares equal to the freshly extracted one it was written from. The issue
        // refinements, cold loads and loads served by L2 or by memory are optional: baselines written before them have none, and price as before.
        BlockSummary block = BlockSummary.Create(
            Counts(b.RequireObject("operations")),
            Counts(b.RequireObject("chain")),
            b.RequireObject("opaque").Object.Properties.Select(p => new OpaqueCall(p.Name, Finite(b.RequireObject("opaque"), p.Name))),
            OptionalCount(b, "foldedLoads"),
            OptionalCount(b, "takenBranches"),
            b.Object["coldLoads"] is null ? null : Items(b, "coldLoads", source).Select(ColdLoad).ToList(),
            OptionalCount(b, "l2Loads"),
            b.Object["memoryLoads"] is null ? null : Items(b, "memoryLoads", source).Select(ColdLoad).ToList());
        return new Term(block, Expr(t.Require("count"), t.PathOf("count"), source), Provenance(t.RequireObject("origin")), t.RequireString("description"));
    }

    private static ColdLoad ColdLoad(JsonFields c)
    {
        c.RejectUnknown("footprintBytes", "count");
        double footprint = Finite(c, "footprintBytes");
        return footprint > 0
            ? new ColdLoad(footprint, Finite(c, "count"))
            : throw c.Error(c.Require("footprintBytes"), "footprintBytes", "a structure's size must be a positive number of bytes");
    }

    private static EquatableArray<OperationCount> Counts(JsonFields counts) =>
        counts.Object.Properties
            .Select(p => new OperationCount(
                System.Enum.TryParse(p.Name, ignoreCase: false, out OperationClass c) && System.Enum.IsDefined(typeof(OperationClass), c)
                    ? c
                    : throw counts.Error(p.Value, p.Name, "unknown operation class; expected one of " + string.Join(", ", System.Enum.GetNames(typeof(OperationClass)))),
                Finite(counts, p.Name)))
            .ToEquatableArray();

    private static Gap Gap(JsonFields g, string source)
    {
        g.RejectUnknown("kind", "construct", "reason", "where");
        return new Gap(Enum<GapKind>(g, "kind"), g.RequireString("construct"), g.RequireString("reason"), Provenance(g.RequireObject("where")));
    }

    private static Provenance Provenance(JsonFields p)
    {
        p.RejectUnknown("file", "start", "length", "line", "endLine", "construct");
        return new Provenance(
            p.RequireString("file"),
            (int)p.RequireInteger("start", 0, int.MaxValue),
            (int)p.RequireInteger("length", 0, int.MaxValue),
            (int)p.RequireInteger("line", 0, int.MaxValue),
            (int)p.RequireInteger("endLine", 0, int.MaxValue),
            p.RequireString("construct"));
    }

    private static Expr Expr(JsonNode node, string path, string source)
    {
        switch (node)
        {
            case JsonNumber n:
                return double.IsNaN(n.Value) || double.IsInfinity(n.Value)
                    ? throw new JsonFormatException(source, n.Position, path + ": not a finite number")
                    : new ConstExpr(n.Value);
            case JsonString s:
                return new SymbolExpr(s.Value);
            case JsonArray a when a.Items.Count >= 2 && a.Items[0] is JsonString op:
                Expr[] args = a.Items.Skip(1).Select((item, i) => Expr(item, path + "[" + (i + 1).ToString(CultureInfo.InvariantCulture) + "]", source)).ToArray();
                return (op.Value, args.Length) switch
                {
                    ("+", >= 2) => new SumExpr(args.ToEquatableArray()),
                    ("*", >= 2) => new ProductExpr(args.ToEquatableArray()),
                    ("max", 2) => new MaxExpr(args[0], args[1]),
                    ("min", 2) => new MinExpr(args[0], args[1]),
                    ("ceildiv", 2) => new DivideExpr(args[0], args[1], Ceiling: true),
                    ("floordiv", 2) => new DivideExpr(args[0], args[1], Ceiling: false),
                    ("log2", 1) => new Log2Expr(args[0]),
                    _ => throw new JsonFormatException(source, op.Position,
                        $"{path}: unknown operator '{op.Value}' with {args.Length} operand(s); expected +, * (2 or more), max, min, ceildiv, floordiv (2) or log2 (1)"),
                };
            default:
                throw new JsonFormatException(source, node.Position, $"{path}: expected a number, a quantity name or [operator, operands…], found {node.KindDescription}");
        }
    }

    private static Guard Guard(JsonNode node, string path, string source)
    {
        if (node is JsonBoolean { Value: true })
        {
            return Model.Guard.Always;
        }

        if (node is JsonArray a && a.Items.Count >= 2 && a.Items[0] is JsonString op)
        {
            string Sub(int i) => path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            switch (op.Value, a.Items.Count)
            {
                case ("!", 2):
                    return new NotGuard(Guard(a.Items[1], Sub(1), source));
                case ("&&", 3):
                    return new AndGuard(Guard(a.Items[1], Sub(1), source), Guard(a.Items[2], Sub(2), source));
                case ("||", 3):
                    return new OrGuard(Guard(a.Items[1], Sub(1), source), Guard(a.Items[2], Sub(2), source));
                case (_, 3) when BaselineSyntax.ParseComparison(op.Value) is { } comparison:
                    return new CompareGuard(Expr(a.Items[1], Sub(1), source), comparison, Expr(a.Items[2], Sub(2), source));
            }

            throw new JsonFormatException(source, op.Position, $"{path}: unknown guard operator '{op.Value}' with {a.Items.Count - 1} operand(s)");
        }

        throw new JsonFormatException(source, node.Position, $"{path}: expected true or [operator, operands…], found {node.KindDescription}");
    }

    private static T Enum<T>(JsonFields fields, string name)
        where T : struct
    {
        string text = fields.RequireString(name);
        return System.Enum.TryParse(text, ignoreCase: false, out T value) && System.Enum.IsDefined(typeof(T), value)
            ? value
            : throw fields.Error(fields.Require(name), name, $"unknown value '{text}'; expected one of {string.Join(", ", System.Enum.GetNames(typeof(T)))}");
    }

    /// <summary>A finite count that may be absent (0).</summary>
    private static double OptionalCount(JsonFields fields, string name) =>
        fields.Object[name] is null ? 0 : Finite(fields, name);

    /// <summary>
    /// A resolution as the extractor takes one (<see cref="Pix.Extraction.ExtractionOptions.IsResolution"/>): a fraction
    /// in [0, 1). A negative one or one of 1 or more would be compared as if it merged nothing or everything.
    /// </summary>
    private static double Resolution(JsonFields fields)
    {
        double value = Finite(fields, "resolution");
        return Pix.Extraction.ExtractionOptions.IsResolution(value)
            ? value
            : throw fields.Error(fields.Require("resolution"), "resolution", "must be a fraction from 0 up to (not including) 1, as PixResolution takes");
    }

    private static double Finite(JsonFields fields, string name)
    {
        double value = fields.RequireNumber(name);
        return double.IsNaN(value) || double.IsInfinity(value)
            ? throw fields.Error(fields.Require(name), name, "not a finite number")
            : value;
    }
}
