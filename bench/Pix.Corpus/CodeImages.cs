using System;
using System.IO;
using System.Reflection.PortableExecutable;

namespace Pix.Corpus;

/// <summary>
/// Whether the assemblies a run measures carry precompiled (ReadyToRun) code or IL only. A first run's
/// times are mostly the JIT's (docs/robustness.md, "the JIT a build pays"): the SDK's compiler loads
/// Roslyn as ReadyToRun images, the NuGet package Roslyn comes from is IL, so every report says which
/// images it ran on (<c>-p:RoslynFromSdk=true</c> and a ReadyToRun publish change them).
/// </summary>
internal static class CodeImages
{
    /// <summary>True when <paramref name="path"/> is a ReadyToRun image: its CLI header points at a
    /// managed native header (the ReadyToRun header), which IL-only assemblies leave empty.</summary>
    public static bool IsReadyToRun(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        CorHeader? header = reader.PEHeaders.CorHeader;
        return header is not null && header.ManagedNativeHeaderDirectory.Size > 0;
    }

    /// <summary>"Roslyn ReadyToRun, Pix IL": the compiler's and Pix's images as this process loaded them.</summary>
    public static string Describe() =>
        $"Roslyn {Kind(typeof(Microsoft.CodeAnalysis.Compilation))}, Pix {Kind(typeof(Pix.Extraction.InterfaceExtractor))}";

    private static string Kind(Type type)
    {
        string location = type.Assembly.Location;
        return location.Length == 0 ? "in memory" : IsReadyToRun(location) ? "ReadyToRun" : "IL";
    }
}
