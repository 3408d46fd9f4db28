using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Pix.ConstantTime;

/// <summary>One step of a taint path: a value that carries the secret, and where it is.</summary>
/// <param name="Text">What carries it, as written (<c>key</c>, <c>diff</c>, <c>a[i] ^ b[i]</c>).</param>
/// <param name="Location">Where.</param>
public sealed record TaintStep(string Text, Location Location);

/// <summary>
/// The fact that a value depends on a secret, with one path that shows how: the secret first, then
/// each variable it flowed through. One witness path is enough for a diagnostic; the analysis keeps
/// the first (usually shortest) it finds rather than every path.
/// </summary>
/// <param name="Secret">The secret's name (a parameter, field or property).</param>
/// <param name="Steps">The path, secret first.</param>
public sealed record Taint(string Secret, ImmutableArray<TaintStep> Steps)
{
    /// <summary>Paths longer than this keep their first and last steps (messages stay readable).</summary>
    private const int MaxSteps = 8;

    /// <summary>A secret at its declaration.</summary>
    public static Taint FromSecret(string name, Location location) =>
        new(name, ImmutableArray.Create(new TaintStep(name, location)));

    /// <summary>This taint, having flowed into <paramref name="text"/> at <paramref name="location"/>.</summary>
    public Taint Then(string text, Location location)
    {
        if (Steps.Length > 0 && Steps[Steps.Length - 1].Text == text)
        {
            return this;
        }

        ImmutableArray<TaintStep> steps = Steps.Add(new TaintStep(text, location));
        if (steps.Length > MaxSteps)
        {
            steps = steps.RemoveAt(1);
        }

        return this with { Steps = steps };
    }

    /// <summary>The path as people read it: <c>key → diff → diff != 0</c>.</summary>
    public string Describe() => string.Join(" → ", Steps.Select(s => s.Text));

    /// <summary>The first of two taints that is not null (union: one witness path suffices).</summary>
    public static Taint? Either(Taint? left, Taint? right) => left ?? right;
}
