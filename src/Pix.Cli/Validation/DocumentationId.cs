using System;
using System.Linq;
using System.Reflection;
using System.Text;

namespace Pix.Cli.Validation;

/// <summary>
/// The documentation comment ID of a reflected method (<c>M:Ns.Type.Method(System.Int32[])</c>): the
/// key an <see cref="Pix.Model.InterfaceModel"/> carries (Roslyn's <c>GetDocumentationCommentId</c>), so
/// a method found in the built assembly can be matched with the model extracted from its source.
/// </summary>
internal static class DocumentationId
{
    public static string Of(MethodInfo method)
    {
        var id = new StringBuilder("M:");
        AppendTypeName(id, method.DeclaringType!, definition: true);
        id.Append('.').Append(method.Name);
        if (method.IsGenericMethodDefinition)
        {
            id.Append("``").Append(method.GetGenericArguments().Length);
        }

        ParameterInfo[] parameters = method.GetParameters();
        if (parameters.Length > 0)
        {
            id.Append('(');
            for (int i = 0; i < parameters.Length; i++)
            {
                if (i > 0)
                {
                    id.Append(',');
                }

                AppendTypeName(id, parameters[i].ParameterType, definition: false);
            }

            id.Append(')');
        }

        return id.ToString();
    }

    /// <param name="id">Where the name is appended.</param>
    /// <param name="type">The type to name.</param>
    /// <param name="definition">
    /// True for the declaring type (generic arity as <c>`1</c>); false for a parameter's type
    /// (type arguments in braces, type parameters as <c>`0</c> or <c>``0</c>).
    /// </param>
    private static void AppendTypeName(StringBuilder id, Type type, bool definition)
    {
        if (type.IsByRef)
        {
            AppendTypeName(id, type.GetElementType()!, definition);
            id.Append('@');
            return;
        }

        if (type.IsPointer)
        {
            AppendTypeName(id, type.GetElementType()!, definition);
            id.Append('*');
            return;
        }

        if (type.IsArray)
        {
            AppendTypeName(id, type.GetElementType()!, definition);
            int rank = type.GetArrayRank();
            id.Append(rank == 1 && type.IsSZArray ? "[]" : "[" + string.Join(",", Enumerable.Repeat("0:", rank)) + "]");
            return;
        }

        if (type.IsGenericParameter)
        {
            id.Append(type.DeclaringMethod is null ? "`" : "``").Append(type.GenericParameterPosition);
            return;
        }

        if (type.DeclaringType is { } outer)
        {
            AppendTypeName(id, outer, definition: true);
            id.Append('.');
        }
        else if (!string.IsNullOrEmpty(type.Namespace))
        {
            id.Append(type.Namespace).Append('.');
        }

        string name = type.Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        id.Append(tick < 0 ? name : name.Substring(0, tick));
        if (tick < 0)
        {
            return;
        }

        // A nested type's generic arguments include its outer types'; only its own are written here.
        Type[] arguments = type.GetGenericArguments();
        int own = int.Parse(name.Substring(tick + 1), System.Globalization.CultureInfo.InvariantCulture);
        if (definition || type.IsGenericTypeDefinition)
        {
            id.Append('`').Append(own);
            return;
        }

        id.Append('{');
        Type[] mine = arguments.Skip(arguments.Length - own).ToArray();
        for (int i = 0; i < mine.Length; i++)
        {
            if (i > 0)
            {
                id.Append(',');
            }

            AppendTypeName(id, mine[i], definition: false);
        }

        id.Append('}');
    }
}
