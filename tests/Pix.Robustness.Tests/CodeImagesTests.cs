using System.IO;
using Pix.Corpus;

namespace Pix.Robustness.Tests;

/// <summary>The corpus report's note of which images it ran on: ReadyToRun (precompiled) or IL (JIT-compiled).</summary>
public sealed class CodeImagesTests
{
    [Fact]
    public void The_shared_framework_is_ReadyToRun_and_a_project_build_is_IL()
    {
        // The shared framework ships precompiled; an ordinary `dotnet build` of this repository emits IL only.
        Assert.True(CodeImages.IsReadyToRun(typeof(object).Assembly.Location));
        Assert.False(CodeImages.IsReadyToRun(typeof(CodeImages).Assembly.Location));
    }

    [Fact]
    public void The_report_names_the_images_of_Roslyn_and_of_Pix()
    {
        string roslyn = CodeImages.IsReadyToRun(typeof(Microsoft.CodeAnalysis.Compilation).Assembly.Location) ? "ReadyToRun" : "IL";
        string pix = CodeImages.IsReadyToRun(typeof(Pix.Extraction.InterfaceExtractor).Assembly.Location) ? "ReadyToRun" : "IL";

        Assert.Equal($"Roslyn {roslyn}, Pix {pix}", CodeImages.Describe());
        Assert.EndsWith(CodeImages.Describe(), Pix.Corpus.MachineText.Describe());
    }

    [Fact]
    public void A_file_that_is_not_a_portable_executable_is_refused()
    {
        string path = Path.GetTempFileName();
        File.WriteAllText(path, "not a PE file");
        try
        {
            Assert.ThrowsAny<System.BadImageFormatException>(() => CodeImages.IsReadyToRun(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
