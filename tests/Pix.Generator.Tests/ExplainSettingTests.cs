using System.Linq;
using Microsoft.CodeAnalysis;
using Pix.Generator.Tests.Infrastructure;

namespace Pix.Generator.Tests;

/// <summary><c>PixExplain</c>: the <c>ExplainLatencyOf_X</c> twins are emitted only when the project asks.</summary>
public sealed class ExplainSettingTests
{
    private const string Source = """
        public static partial class Explained
        {
            [Pix.PerformanceInterface]
            public static int Sum(int[] values) { int s = 0; for (int i = 0; i < values.Length; i++) s += values[i]; return s; }
        }
        """;

    [Theory]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("not a boolean", false)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    public void The_twin_follows_PixExplain(string? setting, bool expected)
    {
        (Compilation output, GeneratorRunResult run) = GeneratorRunner.Run(Pix.Testing.TestCompilation.CreateNamed("Explain", Source), pixExplain: setting);
        string text = run.GeneratedSources.Single().SourceText.ToString();

        Assert.Contains("LatencyOf_Sum(", text);
        Assert.Equal(expected, text.Contains("ExplainLatencyOf_Sum("));
        Compile.AssertClean(output);
    }
}
