using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pix.Analyzers.Diagnostics;

namespace Pix.Analyzers.Tests.Diagnostics;

/// <summary>
/// Meta-tests over every Pix descriptor, found by reflection so that a new one cannot skip them:
/// its help link is its docs page, the page exists, and the release files list it as declared.
/// </summary>
public sealed class DiagnosticCatalogueTests
{
    private static readonly Assembly AnalyzerAssembly = typeof(DiagnosticDescriptors).Assembly;

    public static IEnumerable<object[]> Descriptors() =>
        AllDescriptors().Select(d => new object[] { d.Id });

    [Fact]
    public void Catalogue_is_not_empty_and_ids_are_unique()
    {
        DiagnosticDescriptor[] all = AllDescriptors().ToArray();
        Assert.NotEmpty(all);
        Assert.Equal(all.Length, all.Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public void Every_id_constant_has_exactly_one_descriptor()
    {
        string[] ids = typeof(DiagnosticIds)
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(ids, AllDescriptors().Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Descriptor_is_well_formed(string id)
    {
        DiagnosticDescriptor descriptor = Find(id);
        Assert.Matches("^PIX[0-9]{4}$", id);
        Assert.Equal($"https://github.com/pix-dotnet/pix/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
        Assert.Equal(ExpectedCategory(id), descriptor.Category);
        Assert.Contains("Pix", descriptor.CustomTags);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Docs_page_exists_and_names_the_rule(string id)
    {
        string page = RepositoryPaths.Combine("docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"Missing docs page {page}");
        string text = File.ReadAllText(page);
        Assert.StartsWith("# " + id + ":", text);
        Assert.Contains("## How to suppress", text);
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Release_files_declare_the_rule_as_it_is(string id)
    {
        DiagnosticDescriptor descriptor = Find(id);
        string[] entries = ReleaseEntries().Where(e => e[0] == id).Select(e => $"{e[1]} | {e[2]}").ToArray();
        Assert.Equal(new[] { $"{descriptor.Category} | {descriptor.DefaultSeverity}" }, entries);
    }

    [Fact]
    public void Every_analyzer_is_sealed_and_reports_only_catalogued_descriptors()
    {
        var catalogue = AllDescriptors().Select(d => d.Id).ToHashSet();
        Type[] analyzers = AnalyzerAssembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .ToArray();
        foreach (Type type in analyzers)
        {
            Assert.True(type.IsSealed, $"{type.Name} should be sealed");
            var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
            Assert.All(analyzer.SupportedDiagnostics, d => Assert.Contains(d.Id, catalogue));
        }
    }

    private static string ExpectedCategory(string id) => int.Parse(id.Substring(3)) switch
    {
        < 100 => DiagnosticCategories.Extraction,
        < 200 => DiagnosticCategories.ConstantTime,
        < 300 => DiagnosticCategories.Regression,
        _ => DiagnosticCategories.Environment,
    };

    private static DiagnosticDescriptor Find(string id) => AllDescriptors().Single(d => d.Id == id);

    private static IEnumerable<DiagnosticDescriptor> AllDescriptors() =>
        typeof(DiagnosticDescriptors)
            .GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Select(m => m switch
            {
                FieldInfo f when f.FieldType == typeof(DiagnosticDescriptor) => (DiagnosticDescriptor?)f.GetValue(null),
                PropertyInfo p when p.PropertyType == typeof(DiagnosticDescriptor) => (DiagnosticDescriptor?)p.GetValue(null),
                _ => null,
            })
            .OfType<DiagnosticDescriptor>();

    /// <summary>Rows "ID | Category | Severity | Notes" of both release files, split and trimmed.</summary>
    private static IEnumerable<string[]> ReleaseEntries() =>
        new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(file => File.ReadAllLines(RepositoryPaths.Combine("src", "Pix.Analyzers", file)))
            .Where(line => Regex.IsMatch(line, "^PIX[0-9]{4} *\\|"))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray());
}
