using System.Linq;
using Pix.Generator.Model;
using Pix.Model;

namespace Pix.Generator.Tests.Infrastructure;

/// <summary>Hand-built interfaces and specs: the emitter tested on its own, without the extractor.</summary>
internal static class HandBuilt
{
    public static Provenance At(int line, string construct, int endLine = 0) =>
        new("Test0.cs", line * 40, 30, line, endLine == 0 ? line : endLine, construct);

    public static BlockSummary Block(params (OperationClass Class, double Count)[] operations) =>
        BlockSummary.Create(operations.Select(o => new OperationCount(o.Class, o.Count)));

    public static BlockSummary Loop((OperationClass Class, double Count)[] operations, (OperationClass Class, double Count)[] chain, params (string Name, double Count)[] opaque) =>
        BlockSummary.Create(
            operations.Select(o => new OperationCount(o.Class, o.Count)),
            chain.Select(o => new OperationCount(o.Class, o.Count)),
            opaque.Select(o => new OpaqueCall(o.Name, o.Count)));

    public static Quantity Size(string expression) => new(expression, QuantityKind.Size, expression, "length of " + expression.Split('.')[0]);

    public static Quantity Value(string name) => new(name, QuantityKind.Value, name, "value of " + name);

    /// <summary>Adler-32 over a span: entry, then a loop whose carried chain is two ALU operations per byte.</summary>
    public static InterfaceModel Checksum() => new(
        "M:Demo.Checksums.Adler32(System.ReadOnlySpan{System.Byte})",
        "Checksums.Adler32(ReadOnlySpan<byte>)",
        EquatableArray.Create(Size("data.Length")),
        EquatableArray.Create(new Piece(
            Guard.Always,
            EquatableArray.Create(
                new Term(Block((OperationClass.IntegerAlu, 4), (OperationClass.Branch, 1)), Expr.One, At(10, "method body", 22), "entry and return"),
                new Term(
                    Loop(
                        new[] { (OperationClass.Load, 1.0), (OperationClass.IntegerAlu, 3.0), (OperationClass.BoundsCheck, 1.0), (OperationClass.Branch, 1.0) },
                        new[] { (OperationClass.IntegerAlu, 2.0) }),
                    Expr.Symbol("data.Length"),
                    At(14, "for loop", 18),
                    "loop over data.Length")))),
        EquatableArray<Gap>.Empty,
        0.05,
        At(10, "method", 22));

    /// <summary>
    /// An early-exit search: an empty-input piece, a flag-guarded piece, and an otherwise piece whose
    /// loop count is a PCV bounded by the input length; one opaque call; one required PCV.
    /// </summary>
    public static InterfaceModel Search() => new(
        "M:Demo.Finder.IndexOf(System.Byte[],System.Int32,System.Boolean)",
        "Finder.IndexOf(byte[], int, bool)",
        EquatableArray.Create(
            Size("data.Length"),
            Value("n"),
            new Quantity("ignoreCase", QuantityKind.Flag, "(ignoreCase ? 1 : 0)", "ignoreCase as 0/1"),
            new Quantity("matchIndex", QuantityKind.Pcv, null, "index of the first match", Expr.Symbol("data.Length"), At(30, "while loop")),
            new Quantity("probes", QuantityKind.Pcv, null, "probes of the external table", null, At(34, "call to Table.Probe"))),
        EquatableArray.Create(
            new Piece(
                Guard.Compare(Expr.Symbol("data.Length"), Comparison.Equal, Expr.Zero),
                EquatableArray.Create(new Term(Block((OperationClass.Branch, 2)), Expr.One, At(26, "if"), "empty input"))),
            new Piece(
                Guard.And(
                    Guard.Compare(Expr.Symbol("ignoreCase"), Comparison.Equal, Expr.One),
                    Guard.Or(Guard.Compare(Expr.Symbol("n"), Comparison.Greater, Expr.Const(16)), Guard.Not(Guard.Compare(Expr.Symbol("n"), Comparison.LessOrEqual, Expr.Const(2))))),
                EquatableArray.Create(
                    new Term(Block((OperationClass.IntegerAlu, 2)), Expr.One, At(24, "method body", 40), "entry"),
                    new Term(
                        Loop(new[] { (OperationClass.Load, 1.0), (OperationClass.IntegerAlu, 2.0), (OperationClass.Branch, 1.0) }, new[] { (OperationClass.IntegerAlu, 1.0) }),
                        Expr.Symbol("matchIndex"),
                        At(30, "while loop", 33),
                        "scan to the first match (case-insensitive)"))),
            new Piece(
                Guard.Always,
                EquatableArray.Create(
                    new Term(Block((OperationClass.IntegerAlu, 2)), Expr.One, At(24, "method body", 40), "entry"),
                    new Term(
                        Loop(new[] { (OperationClass.Load, 1.0), (OperationClass.Branch, 1.0) }, new[] { (OperationClass.IntegerAlu, 1.0) }),
                        Expr.Symbol("matchIndex"),
                        At(30, "while loop", 33),
                        "scan to the first match"),
                    new Term(Loop(new[] { (OperationClass.Call, 1.0) }, System.Array.Empty<(OperationClass, double)>(), ("Demo.Table.Probe", 1)), Expr.Symbol("probes"), At(34, "call to Table.Probe"), "table probes")),
                PieceOrigin.MergedByResolution)),
        EquatableArray.Create(new Gap(GapKind.OpaqueCall, "call to Demo.Table.Probe", "priced as an opaque call", At(34, "call to Table.Probe"))),
        0.05,
        At(24, "method", 40));

    /// <summary>Every expression kind: a triangular nest (n(n-1)/2), a binary search (log2), min, max, ceiling division.</summary>
    public static InterfaceModel Arithmetic()
    {
        Expr n = Expr.Symbol("n");
        Expr length = Expr.Symbol("data.Length");
        return new InterfaceModel(
            "M:Demo.Shapes.Work(System.Int32,System.Byte[])",
            "Shapes.Work(int, byte[])",
            EquatableArray.Create(Value("n"), Size("data.Length")),
            EquatableArray.Create(new Piece(
                Guard.Always,
                EquatableArray.Create(
                    new Term(Block((OperationClass.IntegerMultiply, 1), (OperationClass.Store, 1)), Expr.Divide(Expr.Multiply(n, Expr.Subtract(n, Expr.One)), Expr.Const(2), ceiling: false), At(50, "for loop", 53), "triangular nest: inner body"),
                    new Term(Block((OperationClass.Load, 2), (OperationClass.Branch, 1)), Expr.Log2(length), At(55, "while loop", 60), "binary search over data.Length"),
                    new Term(Block((OperationClass.IntegerDivide, 1)), Expr.Divide(length, Expr.Const(8), ceiling: true), At(62, "for loop"), "blocks of 8 bytes"),
                    new Term(Block((OperationClass.FloatAdd, 0.5)), Expr.Max(Expr.Min(n, length), Expr.Add(n, Expr.Multiply(Expr.Const(-2), length), Expr.Const(3))), At(64, "for loop"), "min/max bounded loop"),
                    new Term(Block((OperationClass.Allocation, 1), (OperationClass.AllocatedByte, 24)), Expr.Divide(n, length, ceiling: false), At(66, "for loop"), "division by an input that may be 0")))),
            EquatableArray<Gap>.Empty,
            0,
            At(48, "method", 70));
    }

    /// <summary>
    /// A NAT-like interface whose pieces share terms: parsing and expiry in every piece (factored into
    /// <c>common</c>); a lookup block repeated by two calls and by two pieces (one local); a translate
    /// block only the last two pieces use (declared after the cheap first piece); a local whose natural
    /// name (<c>data</c>) is taken by a parameter.
    /// </summary>
    public static InterfaceModel Shared()
    {
        Expr length = Expr.Symbol("data.Length");
        Expr chain = Expr.Symbol("chain");
        BlockSummary lookup = Loop(new[] { (OperationClass.Load, 3.0), (OperationClass.IntegerAlu, 2.0), (OperationClass.Branch, 1.0) }, new[] { (OperationClass.Load, 2.0) });
        BlockSummary translate = Block((OperationClass.IntegerAlu, 19), (OperationClass.Store, 2), (OperationClass.BoundsCheck, 9), (OperationClass.Call, 3));
        Term parse = new(Block((OperationClass.IntegerAlu, 4), (OperationClass.Branch, 2)), Expr.One, At(10, "method body", 30), "straight-line code");
        Term expire = new(Loop(new[] { (OperationClass.Load, 12.0), (OperationClass.Store, 4.0) }, new[] { (OperationClass.IntegerAlu, 1.0) }), chain, At(12, "while loop", 15), "loop over unknown bound in ExpireSeenBefore");
        Term find = new(lookup, Expr.One, At(16, "call to NatFlowTable.Find"), "call to NatFlowTable.Find");
        Term findAgain = new(lookup, Expr.One, At(18, "call to NatFlowTable.Find"), "call to NatFlowTable.Find");
        Term outbound = new(translate, Expr.One, At(20, "call to Nat.TranslateOutbound"), "call to Nat.TranslateOutbound");
        Term copy = new(Block((OperationClass.CopiedByte, 1)), length, At(21, "call to ReadOnlySpan.CopyTo"), "ReadOnlySpan.CopyTo over data.Length in TranslateOutbound");
        Term data = new(Block((OperationClass.Load, 1)), Expr.One, At(22, "call to Packet.Data"), "call to Packet.Data");
        return new InterfaceModel(
            "M:Demo.Nat.Process(System.Byte[],System.Int32)",
            "Nat.Process(byte[], int)",
            EquatableArray.Create(Size("data.Length"), Value("inPort"), new Quantity("chain", QuantityKind.Pcv, null, "flows expired", length, At(12, "while loop"))),
            EquatableArray.Create(
                new Piece(Guard.Compare(length, Comparison.Less, Expr.Const(34)), EquatableArray.Create(parse, expire)),
                new Piece(Guard.Compare(Expr.Symbol("inPort"), Comparison.Equal, Expr.Const(0)), EquatableArray.Create(parse, expire, find, outbound, copy, data, data)),
                new Piece(Guard.Always, EquatableArray.Create(parse, expire, find, findAgain, outbound, copy))),
            EquatableArray<Gap>.Empty,
            0,
            At(8, "method", 30));
    }

    public static ContainingTypeSpec StaticClass(string ns, string name) =>
        new(ns, EquatableArray.Create(new TypeDeclarationSpec("class", name, "", "public", IsStatic: true)), (ns.Length > 0 ? ns + "." : "") + name + ".Pix.g.cs");

    public static ParameterSpec Parameter(string type, string name) => new(type, name, ParameterPassing.Value, false, false, false);

    public static LatencyMethodSpec Method(ContainingTypeSpec type, string name, InterfaceModel model, params ParameterSpec[] parameters) =>
        new(type, name, model.MethodName, name + "(" + string.Join(", ", parameters.Select(p => p.Type.Replace('<', '{').Replace('>', '}'))) + ")",
            IsStatic: true, "public", IsUnsafe: false, HidesBaseCompanion: false,
            EquatableArray<TypeParameterSpec>.Empty, parameters.ToEquatableArray(), "hw", name + "(" + string.Join(",", parameters.Select(p => p.Type)) + ")", null, model);

    public static GeneratedFileSpec File(params LatencyMethodSpec[] methods) => new(methods[0].Type, methods.ToEquatableArray());
}
