using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Pix.Analyzers.Extraction;
using Pix.Analyzers.Regression;
using Pix.Extraction;
using Pix.Serialization;

namespace Pix.Benchmarks;

/// <summary>
/// What Pix's analyzers cost in a first build: all diagnostics of a 200-method synthetic project
/// (the shapes of <see cref="SyntheticProject"/>), through <see cref="CompilationWithAnalyzers"/> as
/// the compiler runs them. Every iteration gives the files new text (a comment at the end), so no
/// model is reused from an earlier iteration: this is the cold cost, extraction included. Divide by
/// <see cref="Methods"/> for the cost per method. Constant-time checking has its own benchmark
/// (bench/Pix.Analyzers.Benchmarks) on the constant-time corpus.
/// </summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private const int Files = 10;
    private const int MethodsPerFile = 20;

    private ImmutableArray<DiagnosticAnalyzer> _analyzers;
    private AnalyzerOptions _options = null!;
    private CSharpCompilationFactory _factory = null!;
    private Compilation _compilation = null!;
    private int _iteration;

    /// <summary>Which analyzers run.</summary>
    [Params("Extraction", "Regression")]
    public string Analyzers { get; set; } = "";

    /// <summary>Regression only: a baseline equal to the current code, or one where every loop body was cheaper (every method regressed, every check asks the solver).</summary>
    [Params("Same", "Regressed")]
    public string Baseline { get; set; } = "";

    /// <summary>Methods analysed per invocation.</summary>
    public static int Methods => Files * MethodsPerFile;

    [GlobalSetup]
    public void Setup()
    {
        _factory = new CSharpCompilationFactory();
        _analyzers = Analyzers == "Extraction"
            ? ImmutableArray.Create<DiagnosticAnalyzer>(new InterfaceGapAnalyzer(), new MethodSupportAnalyzer())
            : ImmutableArray.Create<DiagnosticAnalyzer>(new RegressionAnalyzer());
        string baselineSource = Baseline == "Same" ? "" : "cheaper";
        string baseline = BaselineWriter.Write(Serialization.Baseline.Create(BaselineEntries(_factory.Create(0, baselineSource))));
        _options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryText("pix.baseline.json", baseline)));
    }

    [IterationSetup]
    public void NewText() => _compilation = _factory.Create(++_iteration, variant: "");

    [Benchmark]
    public int AnalyzeProject() =>
        _compilation.WithAnalyzers(_analyzers, _options).GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult().Length;

    private static System.Collections.Generic.IEnumerable<BaselineEntry> BaselineEntries(Compilation compilation) =>
        compilation.SyntaxTrees.SelectMany(tree =>
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            return tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().Select(declaration =>
            {
                var method = (IMethodSymbol)model.GetDeclaredSymbol(declaration)!;
                FileLinePositionSpan lines = tree.GetLineSpan(declaration.Span);
                return new BaselineEntry(
                    InterfaceExtractor.Extract(method, compilation, ExtractionOptions.Default, CancellationToken.None),
                    new SourceInfo(tree.FilePath, declaration.Span.Start, declaration.Span.Length, lines.StartLinePosition.Line + 1, lines.EndLinePosition.Line + 1,
                        SourceInfo.HashOf(declaration.ToFullString())));
            });
        });

    /// <summary>The synthetic project with a per-iteration trailing comment (new text, same code).</summary>
    private sealed class CSharpCompilationFactory
    {
        public Compilation Create(int iteration, string variant) =>
            BenchmarkCompilation.Create(Enumerable.Range(0, Files)
                .Select(f =>
                {
                    string text = SyntheticProject.File(f, MethodsPerFile);
                    if (variant == "cheaper")
                    {
                        text = text.Replace("acc += data[i] * 31;", "acc += data[i];").Replace("* 2); }", "); }");
                    }

                    return BenchmarkCompilation.Parse(text + $"\n// iteration {iteration}\n", $"File{f}.cs");
                })
                .ToArray());
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
