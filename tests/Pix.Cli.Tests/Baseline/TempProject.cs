using System;
using System.IO;

namespace Pix.Cli.Tests.Baseline;

/// <summary>
/// A one-file class library in a temporary directory that references Pix.Runtime by path (no package,
/// no generator), so that <c>pix baseline update</c> can build it in seconds.
/// </summary>
public sealed class TempProject : IDisposable
{
    public const string Checks = """
        using Pix;

        namespace Sample;

        public static partial class Checks
        {
            [PerformanceInterface]
            public static int Sum(int[] data)
            {
                int s = 0;
                for (int i = 0; i < data.Length; i++) s += data[i];
                return s;
            }

            [PerformanceInterface]
            public static int Pick(int[] data, bool first) => first ? data[0] : data[data.Length - 1];

            public static int NotAnnotated(int x) => x + 1;
        }
        """;

    public TempProject(string source = Checks)
    {
        Directory = Path.Combine(Path.GetTempPath(), "pix-baseline-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        string runtime = typeof(Pix.Latency).Assembly.Location;
        ProjectFile = Path.Combine(Directory, "Sample.csproj");
        File.WriteAllText(ProjectFile, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="Pix.Runtime" HintPath="{runtime}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(Directory, "Checks.cs"), source);
    }

    public string Directory { get; }

    public string ProjectFile { get; }

    public string BaselinePath => Path.Combine(Directory, "pix.baseline.json");

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
