using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pix.Samples.Tests.Interfaces;
using Xunit.Abstractions;

namespace Pix.Samples.Tests.Conciseness;

/// <summary>
/// Measures each network function's generated interface against the code it summarises, both
/// counted with Roslyn (see <see cref="CodeSize"/>). With <c>PIX_UPDATE_DOCS=1</c> the table is
/// written to docs/conciseness.md.
/// </summary>
public class ConcisenessTests(NetworkFunctionModels models, ITestOutputHelper output) : IClassFixture<NetworkFunctionModels>
{
    [Fact]
    public void The_generated_interfaces_compile_and_are_measured_against_what_they_summarise()
    {
        var compilation = (CSharpCompilation)models.Compilation;
        GeneratedInterfaces generated = GeneratedInterfaces.Run(compilation);
        Assert.True(generated.Diagnostics.Count == 0, string.Join(Environment.NewLine, generated.Diagnostics));

        var table = new StringBuilder();
        table.AppendLine("| entry point | interface: lines | nodes | model: pieces / terms | source: members | lines | nodes | ratio (lines) | ratio (nodes) | library: methods | lines | nodes | with library: ratio (lines) | ratio (nodes) | PCVs |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        var times = new StringBuilder();
        times.AppendLine("| entry point | extraction (ms) |");
        times.AppendLine("|---|---:|");
        var library = new LibraryCode();
        foreach (IMethodSymbol entry in SourceSizeTests.EntryPoints(compilation))
        {
            string name = entry.ContainingType.Name + "." + entry.Name;
            MethodDeclarationSyntax? method = generated.For(name);
            Assert.True(method is not null, $"No LatencyOf_{entry.Name} was generated for {name}.");

            CodeSize interfaceSize = generated.SizeOf(method!);
            SourceCallGraph summarised = SourceCallGraph.Of(entry, compilation);
            Pix.Model.InterfaceModel model = models[name];
            string pcvs = string.Join(", ", model.Pcvs.Select(p => p.Name));
            int terms = model.Pieces.Sum(p => p.Terms.Count);
            LibraryCode.Result libraryCode = library.Measure(summarised.LibrarySymbols);
            CodeSize all = summarised.Size + libraryCode.Size;
            output.WriteLine($"{name}: {libraryCode.Methods} library methods; not found in the runtime: {string.Join(", ", libraryCode.Unresolved)}");
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| `{name}` | {interfaceSize.Lines} | {interfaceSize.Nodes} | {model.Pieces.Count} / {terms} | {summarised.SourceMembers.Count} | {summarised.Size.Lines} | {summarised.Size.Nodes} | {(double)summarised.Size.Lines / interfaceSize.Lines:0.0} | {(double)summarised.Size.Nodes / interfaceSize.Nodes:0.0} | {libraryCode.Methods} | {libraryCode.Size.Lines} | {libraryCode.Size.Nodes} | {(double)all.Lines / interfaceSize.Lines:0.0} | {(double)all.Nodes / interfaceSize.Nodes:0.0} | {pcvs} |"));
            times.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| `{name}` | {models.ExtractionTimes[name].TotalMilliseconds:0} |"));
        }

        output.WriteLine(table.ToString());
        output.WriteLine(times.ToString());
        if (Environment.GetEnvironmentVariable("PIX_UPDATE_DOCS") == "1")
        {
            string path = Path.Combine(SampleCompilation.RepositoryRoot, "docs", "conciseness.md");
            string text = File.ReadAllText(path);
            const string Begin = "<!-- measured table: begin -->", End = "<!-- measured table: end -->";
            int begin = text.IndexOf(Begin, StringComparison.Ordinal), end = text.IndexOf(End, StringComparison.Ordinal);
            Assert.True(begin >= 0 && end > begin, $"{path} has no {Begin} … {End} markers.");
            text = text.Substring(0, begin + Begin.Length) + Environment.NewLine + table + text.Substring(end);
            const string TimesBegin = "<!-- extraction times: begin -->", TimesEnd = "<!-- extraction times: end -->";
            begin = text.IndexOf(TimesBegin, StringComparison.Ordinal);
            end = text.IndexOf(TimesEnd, StringComparison.Ordinal);
            Assert.True(begin >= 0 && end > begin, $"{path} has no {TimesBegin} … {TimesEnd} markers.");
            File.WriteAllText(path, text.Substring(0, begin + TimesBegin.Length) + Environment.NewLine + times + Environment.NewLine + TimingConditions.Line() + Environment.NewLine + text.Substring(end));
        }
    }
}
