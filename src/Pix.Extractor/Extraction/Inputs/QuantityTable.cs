using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.Extraction.Inputs;

/// <summary>A quantity of one method's analysis, with how it is defined.</summary>
internal sealed class QuantityInfo
{
    public QuantityInfo(string name, QuantityKind kind, string? expression, string description, AccessPath? path, int sequence)
    {
        Name = name;
        Kind = kind;
        Expression = expression;
        Description = description;
        Path = path;
        Sequence = sequence;
        Atom = new QuantityAtom(name, kind is QuantityKind.Size or QuantityKind.Flag or QuantityKind.Pcv);
    }

    public string Name { get; }

    /// <summary>
    /// The name asked for before it was made unique in this method (a PixHint.Pcv name, say). A caller
    /// substituting this PCV starts from it: the clash that suffixed it (often with one of this
    /// method's parameters) does not exist in the caller.
    /// </summary>
    public string RequestedName { get; init; } = string.Empty;

    public QuantityKind Kind { get; }

    public string? Expression { get; }

    public string Description { get; }

    /// <summary>The access path of an input; null for a PCV.</summary>
    public AccessPath? Path { get; }

    /// <summary>Registration order (≈ source order).</summary>
    public int Sequence { get; }

    public QuantityAtom Atom { get; }

    /// <summary>For a PCV: the upper bound, over this method's atoms, when known.</summary>
    public Poly? Bound { get; set; }

    public Provenance? Origin { get; set; }
}

/// <summary>
/// The quantities of one method's analysis: inputs defined by access paths, and PCVs. Names are
/// unique; inputs are named by the C# expression that computes them.
/// </summary>
internal sealed class QuantityTable
{
    private readonly Dictionary<string, QuantityInfo> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QuantityInfo> _byPath = new(StringComparer.Ordinal);
    private readonly HashSet<string> _parameterNames;

    public QuantityTable(IEnumerable<string> parameterNames) =>
        _parameterNames = new HashSet<string>(parameterNames, StringComparer.Ordinal);

    public IEnumerable<QuantityInfo> All => _byName.Values.OrderBy(q => q.Sequence);

    public QuantityInfo? Find(string name) => _byName.TryGetValue(name, out QuantityInfo? q) ? q : null;

    /// <summary>Whether any PCV is registered: until one is, no guard can read one (a check run at every branch on data).</summary>
    public bool HasPcv { get; private set; }

    /// <summary>The input quantity read by <paramref name="path"/> (registered on first use).</summary>
    /// <param name="path">What it reads.</param>
    /// <param name="kind">What it stands for.</param>
    /// <param name="isEnum">True for an enum value: its expression converts it to a number.</param>
    public QuantityInfo Input(AccessPath path, QuantityKind kind, bool isEnum = false)
    {
        if (_byPath.TryGetValue(path.Key, out QuantityInfo? existing))
        {
            return existing;
        }

        string text = path.Text;
        string name = path.RootKind switch
        {
            // this._count is named _count, unless a parameter of that name would shadow it.
            AccessRootKind.This when path.Steps.Count > 0 && path.Steps[0].Kind != AccessStepKind.IsNull && !_parameterNames.Contains(path.Steps[0].Member) =>
                text.Substring("this.".Length),
            AccessRootKind.Static => ShortStaticName(text),
            _ => text,
        };
        string expression = text;
        string description;
        switch (kind)
        {
            case QuantityKind.Flag when path.LastKind == AccessStepKind.IsNull:
                name += " is null";
                expression = $"({text} is null ? 1 : 0)";
                description = $"1 when {text} is null";
                break;
            case QuantityKind.Flag:
                expression = $"({text} ? 1 : 0)";
                description = $"1 when {text} is true";
                break;
            case QuantityKind.Size:
                description = $"size {text}";
                break;
            case QuantityKind.Value:
                description = $"value of {text}";
                expression = isEnum ? $"(long){text}" : text;
                break;
            default:
                description = $"state {text}";
                expression = isEnum ? $"(long){text}" : text;
                break;
        }

        if (path.RootKind == AccessRootKind.Captured)
        {
            // Where it comes from: the name alone reads like one of the method's parameters.
            description += $" ({path.RootText}: primary-constructor parameter)";
        }

        // An input may carry a parameter's own name (n); only PCVs must avoid those (they become parameters).
        var info = new QuantityInfo(Unique(name, avoidParameters: false), kind, expression, description, path, _byName.Count);
        _byName[info.Name] = info;
        _byPath[path.Key] = info;
        return info;
    }

    /// <summary>
    /// Registers a PCV named <paramref name="preferredName"/> (suffixed to stay unique). One with a <paramref name="trailingTier"/>
    /// above 0 is ordered after every quantity of a lower tier (registration order within a tier): an optional PCV added to an
    /// interface that already shipped, so that callers passing the earlier PCVs by position still bind them; each later
    /// addition takes the next tier, so it also follows the optional PCVs added before it.
    /// </summary>
    public QuantityInfo Pcv(string preferredName, string description, Poly? bound, Provenance? origin, int trailingTier = 0)
    {
        var info = new QuantityInfo(Unique(preferredName, avoidParameters: true), QuantityKind.Pcv, null, description, null, (trailingTier * TrailingSequence) + _byName.Count)
        {
            RequestedName = preferredName,
            Bound = bound,
            Origin = origin,
        };
        _byName[info.Name] = info;
        HasPcv = true;
        return info;
    }

    // Far above any method's count of quantities (and tier × it still far below int.MaxValue for the few tiers there are).
    private const int TrailingSequence = 1 << 24;

    private string Unique(string name, bool avoidParameters)
    {
        if (!_byName.ContainsKey(name) && !(avoidParameters && _parameterNames.Contains(name)))
        {
            return name;
        }

        // The search resumes past the suffixes it found taken for this name: names are only added, so a taken one stays
        // taken, and the one returned is registered at once. From 2 each time, the k-th PCV of a name made k strings (the
        // same PCV name from many substituted callees: the most allocated strings of callee substitution, `alloc28`).
        int i = _nextSuffix.TryGetValue(name, out int next) ? next : 2;
        for (; ; i++)
        {
            string candidate = name + "_" + i.ToString(CultureInfo.InvariantCulture);
            if (!_byName.ContainsKey(candidate) && !_parameterNames.Contains(candidate))
            {
                _nextSuffix[name] = i + 1;
                return candidate;
            }
        }
    }

    // For each name that was taken, the first suffix not yet tried (Unique).
    private readonly Dictionary<string, int> _nextSuffix = new(StringComparer.Ordinal);

    private static string ShortStaticName(string text)
    {
        // global::Ns.Outer.Type.Field → Type.Field
        string[] parts = text.Replace("global::", string.Empty).Split('.');
        return parts.Length >= 2 ? parts[parts.Length - 2] + "." + parts[parts.Length - 1] : text;
    }
}
