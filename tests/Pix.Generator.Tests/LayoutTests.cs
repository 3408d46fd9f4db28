using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pix.Generator.Model;
using Pix.Generator.Tests.Infrastructure;
using Pix.Model;
using static Pix.Generator.Tests.Infrastructure.HandBuilt;

namespace Pix.Generator.Tests;

/// <summary>
/// The emitter writes nothing twice: terms common to every piece are summed once, blocks several
/// terms use are priced once, each local where the first piece that needs it starts.
/// </summary>
public sealed class LayoutTests
{
    private const string NatSource = """
        namespace Demo
        {
            /// <summary>Subject.</summary>
            public static partial class Nat
            {
                /// <summary>Process.</summary>
                public static int Process(byte[] data, int inPort) => inPort;
            }
        }
        """;

    private static GeneratedFileSpec NatFile() =>
        File(Method(StaticClass("Demo", "Nat"), "Process", Shared(), Parameter("byte[]", "data"), Parameter("int", "inPort")));

    [Fact]
    public void Shared_terms_match_golden_file() =>
        GoldenFiles.Verify(nameof(Shared_terms_match_golden_file), new Dictionary<string, string>
        {
            [NatFile().Type.HintName] = PerformanceInterfaceGenerator.Emitter.Emit(NatFile(), PerformanceInterfaceGenerator.GeneratorVersion, explain: true),
        });

    [Fact]
    public void Shared_terms_compile_without_warnings_as_CSharp8() =>
        Compile.AssertClean(Compile.Library(Compile.CSharp8, NatSource, PerformanceInterfaceGenerator.Emitter.Emit(NatFile(), "1.0", explain: true)));

    [Fact]
    public void Shared_terms_agree_with_ModelEvaluator()
    {
        InterfaceModel model = Shared();
        using LoadedAssembly assembly = LoadedAssembly.Load(Compile.Library(Compile.Latest, NatSource, PerformanceInterfaceGenerator.Emitter.Emit(NatFile(), "1.0", explain: true)));
        MethodInfo latencyOf = assembly.Method("Demo.Nat", "LatencyOf_Process", 4);
        var random = new Random(34);
        foreach (HardwareProfile hw in EmitterTests.Profiles())
        {
            for (int i = 0; i < 200; i++)
            {
                byte[] data = new byte[random.Next(0, 80)];
                int inPort = random.Next(0, 2);
                double? chain = random.Next(2) == 0 ? null : random.Next(0, 30);
                var values = new Dictionary<string, double> { ["data.Length"] = data.Length, ["inPort"] = inPort };
                if (chain is { } c)
                {
                    values["chain"] = c;
                }

                double expected = ModelEvaluator.Evaluate(model, values, hw).Nanoseconds;
                string inputs = $"data.Length={data.Length}, inPort={inPort}, chain={chain}";
                EmitterTests.AssertSame(expected, assembly.InvokeAndExplain(latencyOf, null, inputs, data, inPort, hw, chain), inputs);
            }
        }
    }

    [Fact]
    public void Common_terms_are_summed_once_and_each_piece_starts_from_them()
    {
        IReadOnlyList<StatementSyntax> body = Body(NatFile());
        Assert.Equal(1, body.Count(s => s is LocalDeclarationStatementSyntax l && Name(l) == "common"));
        foreach (ReturnStatementSyntax piece in body.SelectMany(s => s.DescendantNodesAndSelf().OfType<ReturnStatementSyntax>()))
        {
            ExpressionSyntax sum = Assert.IsType<ObjectCreationExpressionSyntax>(piece.Expression).ArgumentList!.Arguments.Single().Expression;
            while (sum is BinaryExpressionSyntax binary)
            {
                sum = binary.Left;
            }

            Assert.Equal("common", Assert.IsType<IdentifierNameSyntax>(sum).Identifier.Text);
        }
    }

    [Fact]
    public void A_cheap_first_piece_prices_no_block_that_only_later_pieces_use()
    {
        IReadOnlyList<StatementSyntax> body = Body(NatFile());

        // if (hw is null) …; the PCVs' range checks; double common = …; if (data.Length < 34) …; then the blocks of the later pieces.
        int checks = body.TakeWhile(s => s is IfStatementSyntax { Statement: BlockSyntax { Statements: [ThrowStatementSyntax] } }
            || (s is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } && call.Expression.ToString() == "global::Pix.PcvArgument.Require")).Count();
        Assert.True(checks >= 2);
        Assert.Equal("common", Name(Assert.IsType<LocalDeclarationStatementSyntax>(body[checks])));
        Assert.IsType<IfStatementSyntax>(body[checks + 1]);
        Assert.Equal(new[] { "find", "translateOutbound", "copyTo" }, body.Skip(checks + 2).TakeWhile(s => s is LocalDeclarationStatementSyntax).Select(s => Name((LocalDeclarationStatementSyntax)s)));
    }

    [Fact]
    public void A_block_only_one_guarded_piece_repeats_is_priced_inside_its_branch_under_a_free_name()
    {
        IReadOnlyList<StatementSyntax> body = Body(NatFile());
        var secondPiece = (IfStatementSyntax)body.Last(s => s is IfStatementSyntax);
        LocalDeclarationStatementSyntax local = ((BlockSyntax)secondPiece.Statement).Statements.OfType<LocalDeclarationStatementSyntax>().Single();

        // "call to Packet.Data" would be `data`, which is the method's parameter.
        Assert.Equal("data2", Name(local));
    }

    [Fact]
    public void A_one_term_interface_stays_a_single_expression()
    {
        var model = new InterfaceModel(
            "M:Demo.Nat.Process(System.Byte[],System.Int32)",
            "Nat.Process(byte[], int)",
            EquatableArray.Create(Size("data.Length")),
            EquatableArray.Create(new Piece(Guard.Always, EquatableArray.Create(Checksum().Pieces[0].Terms[1]))),
            EquatableArray<Gap>.Empty,
            0,
            At(8, "method", 30));
        IReadOnlyList<StatementSyntax> body = Body(File(Method(StaticClass("Demo", "Nat"), "Process", model, Parameter("byte[]", "data"), Parameter("int", "inPort"))));

        Assert.Equal(2, body.Count);
        Assert.IsType<ReturnStatementSyntax>(body[1]);
    }

    private static IReadOnlyList<StatementSyntax> Body(GeneratedFileSpec file) =>
        CSharpSyntaxTree.ParseText(PerformanceInterfaceGenerator.Emitter.Emit(file, "1.0", explain: true)).GetRoot()
            .DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text.StartsWith("LatencyOf_", StringComparison.Ordinal)).Body!.Statements;

    private static string Name(LocalDeclarationStatementSyntax local) => local.Declaration.Variables.Single().Identifier.Text;
}
