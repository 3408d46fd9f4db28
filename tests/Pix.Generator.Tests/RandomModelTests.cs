using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using Pix.Generator.Model;
using Pix.Generator.Tests.Infrastructure;
using Pix.Model;
using static Pix.Generator.Tests.Infrastructure.HandBuilt;

namespace Pix.Generator.Tests;

/// <summary>
/// Emitted code equals <see cref="ModelEvaluator"/> on random models: every expression kind, nested
/// guards, negative constants, PCVs with and without bounds, opaque calls, cold loads, many inputs; and the
/// twin <c>ExplainLatencyOf_X</c>'s terms add up to <c>LatencyOf_X</c> exactly.
/// </summary>
public sealed class RandomModelTests
{
    private const int ModelCount = 40;
    private const int InputsPerModel = 60;

    [Fact]
    public void Generated_code_equals_ModelEvaluator_on_random_models() =>
        AssertEqualsEvaluator(new Random(20261129), sharing: false);

    /// <summary>
    /// Pieces draw their terms from a small pool, in any order, and the pool's terms from a few blocks:
    /// common terms (a prefix or not), blocks shared across and within pieces, as the layout factors them.
    /// </summary>
    [Fact]
    public void Generated_code_equals_ModelEvaluator_on_random_models_that_share_terms() =>
        AssertEqualsEvaluator(new Random(7), sharing: true);

    private static void AssertEqualsEvaluator(Random random, bool sharing)
    {
        InterfaceModel[] models = Enumerable.Range(0, ModelCount).Select(i => RandomModel(random, i, sharing)).ToArray();
        ContainingTypeSpec type = StaticClass("Demo", "Random");
        var parameters = new[] { Parameter("int", "n"), Parameter("byte[]", "data"), Parameter("bool", "flag") };
        GeneratedFileSpec file = File(models.Select((m, i) => Method(type, "M" + i.ToString("00"), m, parameters)).ToArray());

        var source = new StringBuilder("namespace Demo { public static partial class Random {\n");
        for (int i = 0; i < ModelCount; i++)
        {
            source.Append($"public static int M{i:00}(int n, byte[] data, bool flag) => 0;\n");
        }

        source.Append("} }\n");
        using LoadedAssembly assembly = LoadedAssembly.Load(Pix.Testing.TestCompilation.CreateNamed("RandomModels", source.ToString(), PerformanceInterfaceGenerator.Emitter.Emit(file, "1.0", explain: true)));

        foreach (HardwareProfile hw in EmitterTests.Profiles())
        {
            for (int m = 0; m < ModelCount; m++)
            {
                MethodInfo method = assembly.Method("Demo.Random", $"LatencyOf_M{m:00}", 6);
                for (int i = 0; i < InputsPerModel; i++)
                {
                    int n = random.Next(-3, 300);
                    byte[] data = new byte[random.Next(0, 3) == 0 ? 0 : random.Next(0, 300)];
                    bool flag = random.Next(2) == 0;
                    double depth = random.Next(0, 50);
                    double? chain = random.Next(2) == 0 ? null : random.Next(0, 40);
                    var values = new Dictionary<string, double> { ["n"] = n, ["data.Length"] = data.Length, ["flag"] = flag ? 1 : 0, ["depth"] = depth };
                    if (chain is { } c)
                    {
                        values["chain"] = c;
                    }

                    double expected = ModelEvaluator.Evaluate(models[m], values, hw).Nanoseconds;
                    double actual = assembly.InvokeAndExplain(method, null, $"M{m:00}", n, data, flag, hw, depth, chain);
                    EmitterTests.AssertSame(expected, actual, $"model M{m:00} ({models[m].Pieces.Count} pieces), n={n}, data.Length={data.Length}, flag={flag}, depth={depth}, chain={chain}");
                }
            }
        }
    }

    private static InterfaceModel RandomModel(Random random, int index, bool sharing)
    {
        var quantities = EquatableArray.Create(
            Value("n"),
            Size("data.Length"),
            new Quantity("flag", QuantityKind.Flag, "(flag ? 1 : 0)", "flag as 0/1"),
            new Quantity("chain", QuantityKind.Pcv, null, "entries walked", Expr.Add(Expr.Symbol("data.Length"), Expr.Const(1)), At(5, "while loop")),
            new Quantity("depth", QuantityKind.Pcv, null, "recursion depth", null, At(7, "call")));
        int pieceCount = random.Next(1, 4);
        BlockSummary[] blocks = sharing ? Enumerable.Range(0, 3).Select(_ => RandomBlock(random)).ToArray() : Array.Empty<BlockSummary>();
        Term[] pool = sharing
            ? Enumerable.Range(0, 5).Select(t => new Term(blocks[random.Next(blocks.Length)], RandomExpr(random, 3), At(10 + t, "for loop"), "term " + t)).ToArray()
            : Array.Empty<Term>();
        var pieces = new List<Piece>();
        for (int p = 0; p < pieceCount; p++)
        {
            Guard when = p == pieceCount - 1 ? Guard.Always : RandomGuard(random, 2);
            var terms = Enumerable.Range(0, random.Next(0, sharing ? 6 : 4))
                .Select(t => sharing ? pool[random.Next(pool.Length)] : new Term(RandomBlock(random), RandomExpr(random, 3), At(10 + t, "for loop"), "term " + t))
                .ToEquatableArray();
            pieces.Add(new Piece(when, terms));
        }

        return new InterfaceModel($"M:Demo.Random.M{index:00}", $"Random.M{index:00}(int, byte[], bool)", quantities, pieces.ToEquatableArray(), EquatableArray<Gap>.Empty, 0, At(1, "method"));
    }

    private static readonly string[] Symbols = { "n", "data.Length", "flag", "chain", "depth" };

    private static Expr RandomExpr(Random random, int depth)
    {
        int kind = depth == 0 ? random.Next(0, 2) : random.Next(0, 9);
        return kind switch
        {
            0 => Expr.Const(Math.Round(random.NextDouble() * 20 - 5, random.Next(0, 3))),
            1 => Expr.Symbol(Symbols[random.Next(Symbols.Length)]),
            2 => Expr.Add(RandomExpr(random, depth - 1), RandomExpr(random, depth - 1), RandomExpr(random, depth - 1)),
            3 => Expr.Multiply(RandomExpr(random, depth - 1), RandomExpr(random, depth - 1)),
            4 => Expr.Max(RandomExpr(random, depth - 1), RandomExpr(random, depth - 1)),
            5 => Expr.Min(RandomExpr(random, depth - 1), RandomExpr(random, depth - 1)),
            6 => Expr.Divide(RandomExpr(random, depth - 1), RandomExpr(random, depth - 1), random.Next(2) == 0),
            7 => Expr.Log2(RandomExpr(random, depth - 1)),
            _ => Expr.Subtract(RandomExpr(random, depth - 1), RandomExpr(random, depth - 1)),
        };
    }

    private static Guard RandomGuard(Random random, int depth)
    {
        int kind = depth == 0 ? 0 : random.Next(0, 4);
        return kind switch
        {
            1 => Guard.Not(RandomGuard(random, depth - 1)),
            2 => new AndGuard(RandomGuard(random, depth - 1), RandomGuard(random, depth - 1)),
            3 => new OrGuard(RandomGuard(random, depth - 1), RandomGuard(random, depth - 1)),
            _ => Guard.Compare(RandomExpr(random, 1), (Comparison)random.Next(0, 6), RandomExpr(random, 1)),
        };
    }

    private static BlockSummary RandomBlock(Random random)
    {
        OperationClass Pick() => HardwareProfile.AllClasses[random.Next(HardwareProfile.AllClasses.Count)];
        return BlockSummary.Create(
            Enumerable.Range(0, random.Next(0, 5)).Select(_ => new OperationCount(Pick(), random.Next(1, 6) * (random.Next(4) == 0 ? 0.5 : 1))),
            Enumerable.Range(0, random.Next(0, 3)).Select(_ => new OperationCount(Pick(), random.Next(1, 4))),
            Enumerable.Range(0, random.Next(0, 2)).Select(_ => new OpaqueCall(random.Next(2) == 0 ? "Demo.Table.Probe" : "Other.Call", random.Next(1, 3))),
            coldLoads: Enumerable.Range(0, random.Next(0, 3)).Select(_ => new ColdLoad(1 << random.Next(10, 26), random.Next(1, 4) * (random.Next(3) == 0 ? 0.5 : 1))).ToArray());
    }
}
