using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Pix.Cli.Validation;

/// <summary>
/// Computes an input quantity's value from the arguments of a call, by reflection: the
/// <see cref="Pix.Model.Quantity.Expression"/> the extractor writes is an access path
/// (<c>data.Length</c>, <c>n</c>, <c>this._count</c>, <c>Ns.Type.Limit</c>) or one of three wrappers around one
/// (<c>(p is null ? 1 : 0)</c>, <c>(flag ? 1 : 0)</c>, <c>(long)mode</c>). That is the whole grammar
/// (see the extractor's QuantityTable); anything else is refused with a message, never guessed.
/// </summary>
internal sealed class QuantityReader
{
    private static readonly Regex IsNull = new(@"^\((?<path>.+) is null \? 1 : 0\)$", RegexOptions.CultureInvariant);
    private static readonly Regex Flag = new(@"^\((?<path>.+) \? 1 : 0\)$", RegexOptions.CultureInvariant);
    private static readonly Regex EnumValue = new(@"^\(long\)(?<path>.+)$", RegexOptions.CultureInvariant);
    private static readonly Regex Path = new(@"^[A-Za-z_@][A-Za-z0-9_]*(\.[A-Za-z_@][A-Za-z0-9_]*)*$", RegexOptions.CultureInvariant);

    private const BindingFlags AnyMember = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.FlattenHierarchy;

    private readonly MethodInfo _method;
    private readonly object? _target;
    private readonly Dictionary<string, object?> _parameters;

    /// <param name="method">The method whose quantities are read.</param>
    /// <param name="callArguments">Its call's arguments: the target first for an instance method, then one per parameter.</param>
    public QuantityReader(MethodInfo method, IReadOnlyList<object?> callArguments)
    {
        _method = method;
        int first = method.IsStatic ? 0 : 1;
        _target = method.IsStatic ? null : callArguments[0];
        _parameters = method.GetParameters().Select((p, i) => (p.Name!, callArguments[first + i])).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
    }

    /// <summary>The value of <paramref name="expression"/> as the generated interface computes it.</summary>
    /// <exception cref="NotSupportedException">Not an expression of the grammar above, or a member that is not there.</exception>
    public double Read(string expression)
    {
        string text = expression.Trim();
        Match m;
        if ((m = IsNull.Match(text)).Success)
        {
            return Resolve(m.Groups["path"].Value) is null ? 1 : 0;
        }

        if ((m = Flag.Match(text)).Success)
        {
            return Resolve(m.Groups["path"].Value) is true ? 1 : 0;
        }

        if ((m = EnumValue.Match(text)).Success)
        {
            return ToNumber(Resolve(m.Groups["path"].Value), text);
        }

        return ToNumber(Resolve(text), text);
    }

    private object? Resolve(string path)
    {
        if (!Path.IsMatch(path))
        {
            throw new NotSupportedException($"the quantity expression '{path}' is not an access path pix validate can read by reflection");
        }

        string[] parts = path.Split('.').Select(p => p.TrimStart('@')).ToArray();
        object? value;
        int next;
        if (parts[0] == "this")
        {
            value = _target;
            next = 1;
        }
        else if (_parameters.TryGetValue(parts[0], out object? argument))
        {
            value = argument;
            next = 1;
        }
        else if (_target is not null && FindMember(_method.DeclaringType!, parts[0]) is not null)
        {
            // An unqualified member of the instance (the extractor writes this._x as _x only in names, but be lenient).
            value = _target;
            next = 0;
        }
        else
        {
            (Type type, int used) = ResolveStaticType(parts, path);
            return Walk(null, type, parts, used, path);
        }

        return Walk(value, value?.GetType(), parts, next, path);
    }

    private static object? Walk(object? value, Type? type, string[] parts, int from, string path)
    {
        for (int i = from; i < parts.Length; i++)
        {
            if (type is null)
            {
                throw new NotSupportedException($"'{path}' reads '{parts[i]}' of null");
            }

            MemberInfo member = FindMember(type, parts[i])
                ?? throw new NotSupportedException($"'{path}': {type.Name} has no field or property '{parts[i]}'");
            value = member switch
            {
                FieldInfo f => f.GetValue(f.IsStatic ? null : value),
                PropertyInfo p => p.GetValue(p.GetMethod!.IsStatic ? null : value),
                _ => throw new NotSupportedException($"'{path}': '{parts[i]}' is neither a field nor a property"),
            };
            type = value?.GetType();
        }

        return value;
    }

    /// <summary>The longest prefix of <paramref name="parts"/> that names a type the method can see.</summary>
    private (Type Type, int Used) ResolveStaticType(string[] parts, string path)
    {
        Assembly[] assemblies = new[] { _method.DeclaringType!.Assembly, typeof(object).Assembly }.Distinct().ToArray();
        for (int used = parts.Length - 1; used >= 1; used--)
        {
            string name = string.Join(".", parts.Take(used));
            foreach (Assembly assembly in assemblies)
            {
                if (assembly.GetType(name) is { } type)
                {
                    return (type, used);
                }
            }

            // A short name for a type of the method's own namespace or one of its nested types.
            if (_method.DeclaringType!.Namespace is { } ns && _method.DeclaringType.Assembly.GetType(ns + "." + name) is { } local)
            {
                return (local, used);
            }
        }

        throw new NotSupportedException($"'{path}' names no parameter, member or type pix validate can find");
    }

    private static MemberInfo? FindMember(Type type, string name) =>
        (MemberInfo?)type.GetProperty(name, AnyMember) ?? type.GetField(name, AnyMember);

    private static double ToNumber(object? value, string expression) => value switch
    {
        null => throw new NotSupportedException($"'{expression}' is null"),
        Enum e => Convert.ToDouble(Convert.ChangeType(e, Enum.GetUnderlyingType(e.GetType()), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        bool b => b ? 1 : 0,
        IConvertible c => c.ToDouble(CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException($"'{expression}' is a {value.GetType().Name}, not a number"),
    };
}
