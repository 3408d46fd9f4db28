using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ICSharpCode.Decompiler;
using ICSharpCode.Decompiler.CSharp;
using ICSharpCode.Decompiler.Metadata;
using ICSharpCode.Decompiler.TypeSystem;

namespace Pix.Corpus;

/// <summary>
/// Turns a package's assemblies into C# source with ICSharpCode.Decompiler, one file per top-level
/// type, cached on disk (a <c>.complete</c> marker makes reruns skip the decompilation; an
/// interrupted run resumes where it stopped).
/// </summary>
internal static class Decompilation
{
    public static string Decompile(RestoredPackage package, string workDirectory, TextWriter log)
    {
        string target = Path.Combine(workDirectory, "source", $"{package.Id}.{package.Version}");
        string marker = Path.Combine(target, ".complete");
        if (File.Exists(marker))
        {
            return target;
        }

        Directory.CreateDirectory(target);
        int failures = 0;
        foreach (string assembly in package.Implementation)
        {
            failures += DecompileAssembly(assembly, package.Dependencies, target, log);
        }

        File.WriteAllText(marker, $"decompiled with ICSharpCode.Decompiler {typeof(CSharpDecompiler).Assembly.GetName().Version}; {failures} type(s) failed\n");
        return target;
    }

    private static int DecompileAssembly(string assembly, IReadOnlyList<string> dependencies, string target, TextWriter log)
    {
        var module = new PEFile(assembly);
        var resolver = new UniversalAssemblyResolver(assembly, throwOnError: false, module.DetectTargetFrameworkId());
        foreach (string? directory in dependencies.Select(Path.GetDirectoryName).Distinct())
        {
            resolver.AddSearchDirectory(directory!);
        }

        var settings = new DecompilerSettings { ThrowOnAssemblyResolveErrors = false };
        var decompiler = new CSharpDecompiler(module, resolver, settings);
        string prefix = Path.GetFileNameWithoutExtension(assembly);
        int failures = 0;
        foreach (ITypeDefinition type in decompiler.TypeSystem.MainModule.TypeDefinitions)
        {
            // Nested types come with their declaring type; compiler-generated ones (<>c, <PrivateImplementationDetails>) are not source.
            if (type.DeclaringTypeDefinition is not null || type.Name.Contains('<') || type.FullName == "<Module>")
            {
                continue;
            }

            try
            {
                // Types already written by an interrupted earlier run are kept: large packages take several runs.
                string file = Path.Combine(target, $"{prefix}.{type.ReflectionName}".Replace('`', '_') + ".cs");
                if (!File.Exists(file))
                {
                    File.WriteAllText(file + ".tmp", decompiler.DecompileTypeAsString(type.FullTypeName));
                    File.Move(file + ".tmp", file);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A decompiler failure loses one type of the corpus, not the run; it is counted and shown.
                failures++;
                log.WriteLine($"  decompiler failed on {type.FullName}: {e.GetType().Name}: {e.Message}");
            }
        }

        return failures;
    }
}
