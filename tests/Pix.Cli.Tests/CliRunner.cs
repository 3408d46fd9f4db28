using System;
using System.IO;
using Pix.Cli;

namespace Pix.Cli.Tests;

/// <summary>Runs the CLI in-process and captures its streams; gives each test its own temporary directory.</summary>
public abstract class CliTestBase : IDisposable
{
    protected CliTestBase()
    {
        Directory = Path.Combine(Path.GetTempPath(), "pix-cli-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    protected string Directory { get; }

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = PixCommandLine.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    protected string WriteFile(string name, string content)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
