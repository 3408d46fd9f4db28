using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Pix.Generator.Model;
using Pix.Targets;

namespace Pix.Generator;

public sealed partial class PerformanceInterfaceGenerator
{
    /// <summary>
    /// Makes the files' hint names unique the way Roslyn compares them: ignoring case (a file system may), so
    /// <c>Case</c> and <c>CASE</c> collide, and <c>Box&lt;T&gt;</c> (metadata name <c>Box`1</c>, written <c>Box_1</c>)
    /// collides with a type named <c>Box_1</c>. Both are legal C#, and a repeated hint name makes <c>AddSource</c> throw,
    /// which drops every companion of the compilation.
    /// </summary>
    internal static class HintNames
    {
        /// <summary>
        /// <paramref name="files"/> sorted by hint name, then by type, with a second and later file of one hint name
        /// (ignoring case) renamed <c>{Name}.2.Pix.g.cs</c>, <c>.3</c>…: no type or namespace is named by a number, so the
        /// new name cannot be another type's.
        /// </summary>
        public static ImmutableArray<GeneratedFileSpec> MakeUnique(IEnumerable<GeneratedFileSpec> files)
        {
            var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var result = ImmutableArray.CreateBuilder<GeneratedFileSpec>();
            foreach (GeneratedFileSpec file in files.OrderBy(f => f.Type.HintName, StringComparer.Ordinal).ThenBy(f => TypeKey(f.Type), StringComparer.Ordinal))
            {
                string hint = file.Type.HintName;
                string stem = hint.Substring(0, hint.Length - MethodSupport.GeneratedFileSuffix.Length);
                for (int i = 2; !taken.Add(hint); i++)
                {
                    hint = stem + "." + i.ToString(CultureInfo.InvariantCulture) + MethodSupport.GeneratedFileSuffix;
                }

                result.Add(hint == file.Type.HintName ? file : file with { Type = file.Type with { HintName = hint } });
            }

            return result.ToImmutable();
        }

        // Tells apart types of one hint name: their names as declared, with type parameter lists.
        private static string TypeKey(ContainingTypeSpec type) =>
            type.Namespace + "::" + string.Join(".", type.Types.Select(t => t.Name + t.TypeParameters));
    }
}
