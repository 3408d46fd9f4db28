using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using OperandType = System.Reflection.Emit.OperandType;
using System.Reflection.Metadata.Ecma335;
using ICSharpCode.Decompiler;
using ICSharpCode.Decompiler.CSharp;
using ICSharpCode.Decompiler.Metadata;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Pix.Samples.Tests.Conciseness;

/// <summary>
/// The size of the library (BCL) code an interface's library models and opaque terms stand for:
/// each library method the entry point's source call graph calls, found in the implementation
/// assemblies of the running .NET (not the reference assemblies, which have no bodies), decompiled
/// with ICSharpCode.Decompiler and measured with the same <see cref="CodeSize"/> as everything else;
/// then, to <see cref="Depth"/> levels, the library methods those call (read from their IL), each
/// method counted once per entry point.
/// </summary>
/// <remarks>
/// Left out, so as not to inflate the count: <c>ThrowHelper</c>/<c>SR</c> methods (the failure paths
/// the models do not price), methods without a body (intrinsics, <c>extern</c>, abstract), and
/// property getters that only return a field are counted like any other method (they are one line).
/// </remarks>
public sealed class LibraryCode
{
    /// <summary>Levels of callees followed below each called library method (0: the called methods alone).</summary>
    public const int Depth = 2;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private readonly Dictionary<string, CSharpDecompiler> _decompilers = new(StringComparer.Ordinal);
    private readonly Dictionary<MethodBase, CodeSize> _sizes = new();

    /// <summary>What sizing the library members of one entry point found.</summary>
    /// <param name="Size">Total size of the decompiled methods.</param>
    /// <param name="Methods">How many methods were counted.</param>
    /// <param name="Unresolved">Library members that were not found in the running runtime (listed, not counted).</param>
    public sealed record Result(CodeSize Size, int Methods, IReadOnlyList<string> Unresolved);

    /// <summary>Sizes the library code behind <paramref name="members"/> (symbols from the compilation's reference assemblies).</summary>
    public Result Measure(IEnumerable<ISymbol> members)
    {
        var counted = new HashSet<MethodBase>();
        var unresolved = new List<string>();
        var frontier = new List<MethodBase>();
        foreach (ISymbol member in members.Where(IsLibrary))
        {
            MethodBase? method = Resolve(member);
            if (method is null)
            {
                unresolved.Add(member.ToDisplayString());
            }
            else
            {
                frontier.Add(method);
            }
        }

        CodeSize total = CodeSize.Zero;
        for (int level = 0; level <= Depth && frontier.Count > 0; level++)
        {
            var next = new List<MethodBase>();
            foreach (MethodBase method in frontier.Where(m => !IsLeftOut(m) && counted.Add(m)))
            {
                total += SizeOf(method);
                next.AddRange(Callees(method));
            }

            frontier = next;
        }

        return new Result(total, counted.Count, unresolved);
    }

    /// <summary>
    /// Library code is the platform's: not Pix's own hints (they compile to nothing), not members the
    /// compiler declared for the sample's own types (a struct's default constructor).
    /// </summary>
    private static bool IsLibrary(ISymbol member) =>
        member.ContainingAssembly is { } assembly
        && !assembly.Name.StartsWith("Pix", StringComparison.Ordinal)
        && !member.ContainingType.Locations.Any(l => l.IsInSource);

    private static bool IsLeftOut(MethodBase method) =>
        method.DeclaringType?.Name is "ThrowHelper" or "SR" || method.GetMethodBody() is null;

    /// <summary>The runtime method a compilation symbol stands for: the type found by name (type forwards followed), the member by name and parameter types.</summary>
    private static MethodBase? Resolve(ISymbol symbol)
    {
        IMethodSymbol? method = symbol switch
        {
            IMethodSymbol m => m,
            IPropertySymbol p => p.GetMethod ?? p.SetMethod,
            _ => null,
        };
        if (method is null || method.ContainingType is not { } type)
        {
            return null;
        }

        Type? runtimeType = RuntimeType(type);
        if (runtimeType is null)
        {
            return null;
        }

        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        IEnumerable<MethodBase> candidates = method.MethodKind == MethodKind.Constructor
            ? runtimeType.GetConstructors(All)
            : runtimeType.GetMethods(All).Where(m => m.Name == method.MetadataName);
        return candidates.FirstOrDefault(c => SameParameters(c.GetParameters(), method.Parameters));
    }

    private static Type? RuntimeType(INamedTypeSymbol type)
    {
        string name = type.ContainingType is { } outer
            ? RuntimeType(outer)?.FullName + "+" + type.MetadataName
            : type.ContainingNamespace.ToDisplayString() + "." + type.MetadataName;
        return Type.GetType(name + ", " + type.ContainingAssembly.Name, throwOnError: false)
            ?? Type.GetType(name, throwOnError: false);
    }

    private static bool SameParameters(ParameterInfo[] runtime, IReadOnlyList<IParameterSymbol> symbols) =>
        runtime.Length == symbols.Count
        && runtime.Zip(symbols, (r, s) => TypeName(r.ParameterType) == TypeName(s.Type)).All(same => same);

    private static string TypeName(Type type) =>
        type.IsByRef ? TypeName(type.GetElementType()!)
        : type.IsArray ? TypeName(type.GetElementType()!) + "[]"
        : type.IsGenericParameter ? "!"
        : type.Name;

    private static string TypeName(ITypeSymbol type) =>
        type is ITypeParameterSymbol ? "!" : type is IArrayTypeSymbol array ? TypeName(array.ElementType) + "[]" : type.MetadataName;

    /// <summary>The library methods <paramref name="method"/>'s IL calls or constructs.</summary>
    private static IEnumerable<MethodBase> Callees(MethodBase method)
    {
        byte[]? il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        Type[]? typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        Type[]? methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (int i = 0; i < il.Length;)
        {
            short value = il[i] == 0xFE && i + 1 < il.Length ? (short)(0xFE00 | il[i + 1]) : il[i];
            if (!OpCodesByValue.TryGetValue(value, out OpCode opCode))
            {
                yield break; // not IL we can walk: stop here rather than misread operands
            }

            i += opCode.Size;
            if (opCode.OperandType == OperandType.InlineMethod)
            {
                int token = BitConverter.ToInt32(il, i);
                MethodBase? callee = null;
                try
                {
                    callee = method.Module.ResolveMethod(token, typeArguments, methodArguments);
                }
                catch (ArgumentException)
                {
                    // A token the module cannot resolve in this generic context: that callee is not counted.
                }

                if (callee is not null)
                {
                    yield return callee is MethodInfo { IsGenericMethod: true } generic ? generic.GetGenericMethodDefinition() : callee;
                }
            }

            i += OperandSize(opCode, il, i);
        }
    }

    private static int OperandSize(OpCode opCode, byte[] il, int at) => opCode.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };

    /// <summary>The decompiled method's size: its declaration in the decompiler's C#.</summary>
    private CodeSize SizeOf(MethodBase method)
    {
        if (_sizes.TryGetValue(method, out CodeSize size))
        {
            return size;
        }

        MethodBase definition = method.DeclaringType is { IsGenericType: true, IsGenericTypeDefinition: false } type
            ? MethodBase.GetMethodFromHandle(method.MethodHandle, type.GetGenericTypeDefinition().TypeHandle)!
            : method;
        string source = Decompiler(definition.Module.Assembly.Location).DecompileAsString(MetadataTokens.EntityHandle(definition.MetadataToken));

        // The decompiler writes a method without its type and an accessor as its bare body: put each back into a
        // class so that Roslyn parses a member, and count the member (for an accessor, its body).
        string code = string.Join("\n", source.Split('\n').Where(line => !line.StartsWith("using ", StringComparison.Ordinal)));
        bool accessor = method.IsSpecialName && method.Name.IndexOf('_') > 0;
        if (accessor)
        {
            int body = code.IndexOf("\n{", StringComparison.Ordinal);
            code = "void Accessor()" + (body >= 0 ? code.Substring(body) : code);
        }

        SyntaxNode root = CSharpSyntaxTree.ParseText("class Decompiled\n{\n" + code + "\n}\n").GetRoot();
        size = accessor
            ? root.DescendantNodes().OfType<MethodDeclarationSyntax>().Select(m => m.Body is { } block ? CodeSize.Of(block) : CodeSize.Zero).FirstOrDefault()
            : root.DescendantNodes().OfType<MemberDeclarationSyntax>()
                .Where(m => m is BaseMethodDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax)
                .Aggregate(CodeSize.Zero, (sum, m) => sum + CodeSize.Of(m));
        _sizes[method] = size;
        return size;
    }

    private CSharpDecompiler Decompiler(string assembly)
    {
        if (!_decompilers.TryGetValue(assembly, out CSharpDecompiler? decompiler))
        {
            var module = new PEFile(assembly);
            var resolver = new UniversalAssemblyResolver(assembly, throwOnError: false, module.DetectTargetFrameworkId());
            resolver.AddSearchDirectory(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
            decompiler = new CSharpDecompiler(module, resolver, new DecompilerSettings { ThrowOnAssemblyResolveErrors = false });
            _decompilers[assembly] = decompiler;
        }

        return decompiler;
    }
}
