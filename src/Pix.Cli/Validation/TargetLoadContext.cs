using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace Pix.Cli.Validation;

/// <summary>
/// Loads the assembly under validation and its dependencies beside it, but shares Pix.Runtime with
/// the tool, so that <see cref="HardwareProfile"/> and <see cref="Latency"/> are the same types on both
/// sides of a <c>LatencyOf_X</c> call.
/// </summary>
internal sealed class TargetLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;
    private readonly string _directory;

    public TargetLoadContext(string mainAssemblyPath)
        : base("pix validate: " + Path.GetFileName(mainAssemblyPath))
    {
        _resolver = new AssemblyDependencyResolver(mainAssemblyPath);
        _directory = Path.GetDirectoryName(mainAssemblyPath)!;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name == typeof(HardwareProfile).Assembly.GetName().Name)
        {
            return null; // the tool's own copy, from the default context
        }

        string? path = _resolver.ResolveAssemblyToPath(assemblyName);
        if (path is null)
        {
            // No .deps.json entry (e.g. a plain build output folder): look beside the main assembly.
            string candidate = Path.Combine(_directory, assemblyName.Name + ".dll");
            path = File.Exists(candidate) ? candidate : null;
        }

        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override nint LoadUnmanagedDll(string unmanagedDllName)
    {
        string? path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? 0 : LoadUnmanagedDllFromPath(path);
    }
}
