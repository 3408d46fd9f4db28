using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Pix.Extraction.Inputs;

/// <summary>Where an access path starts.</summary>
internal enum AccessRootKind
{
    /// <summary>A parameter of the method (by ordinal).</summary>
    Parameter,
    /// <summary><c>this</c>.</summary>
    This,
    /// <summary>A static member of a type (the type's <c>global::</c> name is the root's text).</summary>
    Static,
    /// <summary>
    /// A primary-constructor parameter of the method's type, captured by its instance members (the parameter's name is the
    /// root's text, its ordinal the ordinal): state of the instance, which the companion reads by that name, as the method
    /// does (see <see cref="PrimaryConstructorParameters"/>).
    /// </summary>
    Captured,
}

/// <summary>What a step of an access path reads.</summary>
internal enum AccessStepKind
{
    /// <summary>A field or a property without arguments.</summary>
    Member,
    /// <summary><c>Length</c> of an array, span or string, or <c>Count</c> of a collection.</summary>
    Size,
    /// <summary>1 when the value so far is null, else 0.</summary>
    IsNull,
}

/// <summary>One step of an <see cref="AccessPath"/>; <paramref name="Symbol"/> is the member read (for accessibility checks).</summary>
internal readonly record struct AccessStep(string Member, AccessStepKind Kind, ISymbol? Symbol = null);

/// <summary>
/// A side-effect-free read rooted at an input: <c>data.Length</c>, <c>this._count</c>,
/// <c>Config.Limit</c>. Quantities are defined by access paths, which is what lets a callee's
/// quantity be re-expressed at a call site (root → argument or receiver, then the same steps).
/// </summary>
internal sealed record AccessPath(AccessRootKind RootKind, int Ordinal, string RootText, IReadOnlyList<AccessStep> Steps)
{
    public static AccessPath Parameter(int ordinal, string name) => new(AccessRootKind.Parameter, ordinal, name, new AccessStep[0]);

    public static AccessPath This { get; } = new(AccessRootKind.This, -1, "this", new AccessStep[0]);

    public static AccessPath Captured(IParameterSymbol parameter) => new(AccessRootKind.Captured, parameter.Ordinal, parameter.Name, new AccessStep[0]);

    public static AccessPath Static(string globalTypeName) => new(AccessRootKind.Static, -1, globalTypeName, new AccessStep[0]);

    // The key identifies the path (equality, hashing, the quantity tables' lookups) and is asked for
    // many times per path: built once. Not copied by `with`, which changes what it is made of.
    private string? _key;

    private AccessPath(AccessPath original)
    {
        RootKind = original.RootKind;
        Ordinal = original.Ordinal;
        RootText = original.RootText;
        Steps = original.Steps;
    }

    public AccessPath Append(string member, AccessStepKind kind, ISymbol? symbol = null)
    {
        var steps = new AccessStep[Steps.Count + 1];
        for (int i = 0; i < Steps.Count; i++)
        {
            steps[i] = Steps[i];
        }

        steps[Steps.Count] = new AccessStep(member, kind, symbol);
        return this with { Steps = steps };
    }

    public AccessStepKind? LastKind => Steps.Count == 0 ? null : Steps[Steps.Count - 1].Kind;

    /// <summary>The C# expression in the scope of the method (and of its generated companion).</summary>
    public string Text
    {
        get
        {
            string text = RootText;
            foreach (AccessStep step in Steps)
            {
                if (step.Kind != AccessStepKind.IsNull)
                {
                    text += "." + step.Member;
                }
            }

            return text;
        }
    }

    public string Key => _key ??= RootKind + ":" + RootText + ":" + string.Join("/", Steps.Select(s => s.Kind + "." + s.Member));

    public bool Equals(AccessPath? other) => other is not null && (ReferenceEquals(this, other) || other.Key == Key);

    public override int GetHashCode() => Key.GetHashCode();
}
