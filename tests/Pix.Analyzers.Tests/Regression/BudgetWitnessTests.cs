using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pix.Analyzers.Regression;
using Pix.Extraction;
using Pix.Model;
using Pix.Testing;

namespace Pix.Analyzers.Tests.Regression;

/// <summary>
/// Witness correctness end to end: the input a PIX0205 message names, evaluated on the interface the
/// extractor gives for the method, really selects the reported class and really exceeds the budget,
/// and the latency in the message is the evaluator's.
/// </summary>
public sealed class BudgetWitnessTests
{
    private const string Source = """
        using Pix;

        public static partial class Routes
        {
            [PerformanceInterface(Budget = "120ns")]
            [InputBound("table.Length", 4096)]
            [InputBound("key.Length", 64)]
            public static int Lookup(int[] table, byte[] key, bool exact)
            {
                int h = 0;
                for (int i = 0; i < key.Length; i++) h = h * 31 + key[i];
                if (exact)
                {
                    for (int i = 0; i < table.Length; i++) if (table[i] == h) return i;
                    return -1;
                }

                return table.Length == 0 ? -1 : (h & 0x7fffffff) % table.Length;
            }
        }
        """;

    private static readonly Regex Witness = new(@"at (?<witness>.+) it takes (?<latency>.+)$");

    [Fact]
    public async Task Every_reported_witness_selects_its_class_and_exceeds_the_budget()
    {
        Compilation compilation = TestCompilation.Create(new[] { Source });
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RegressionAnalyzer()))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        Diagnostic[] exceeded = diagnostics.Where(d => d.Id == "PIX0205").ToArray();
        Assert.NotEmpty(exceeded);

        IMethodSymbol method = compilation.GetTypeByMetadataName("Routes")!.GetMembers("Lookup").OfType<IMethodSymbol>().Single();
        InterfaceModel model = InterfaceExtractor.Extract(method, compilation, ExtractionOptions.Default, CancellationToken.None);
        foreach (Diagnostic diagnostic in exceeded)
        {
            string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
            Match match = Witness.Match(message);
            Assert.True(match.Success, message);
            Dictionary<string, double> input = match.Groups["witness"].Value.Split(", ")
                .Select(pair => pair.Split(" = "))
                .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));

            Latency latency = ModelEvaluator.Evaluate(model, input, HardwareProfile.Reference);
            Assert.True(latency.Nanoseconds > 120, $"{message}: the interface gives {latency} there");
            Assert.Equal(latency.ToString(), match.Groups["latency"].Value);
            Assert.InRange(input["table.Length"], 0, 4096);
            Assert.InRange(input["key.Length"], 0, 64);
            Piece selected = ModelEvaluator.SelectPiece(model, input);
            Assert.Contains(selected.When is TrueGuard ? "no earlier guard" : "where " + selected.When, message);
        }
    }
}
