using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Pix.Extraction.Costs;

/// <summary>
/// The dependency state of one region (a method body or one loop iteration): the current value
/// flow of every variable written in it. At the end, a loop region's chain is its longest
/// loop-carried cycle (a variable's path from its own previous value); a straight-line region's
/// chain is its longest dependency path.
/// </summary>
internal sealed class ChainRegion
{
    private readonly Dictionary<ISymbol, DependencyFlow> _variables = new(SymbolEqualityComparer.Default);
    private readonly List<OperationVector> _carriedCandidates = new();
    private OperationVector _longest = new();

    // Fields stored through a variable that points to memory (a ref local, a ref/in/out parameter, an object
    // reference), per (variable, field): the stored value's flow, which a later read of the same field through
    // the same variable gets from the store (store-to-load forwarding: the read waits for the value, as a register
    // read would; bench/Pix.PolicerVerdict --reload). Kept across arms (an arm
    // analysed later sees an earlier arm's store): at worst a read gets a chain one arm has, never one no arm has.
    private readonly Dictionary<ISymbol, Dictionary<ISymbol, DependencyFlow>> _storedThrough = new(SymbolEqualityComparer.Default);

    // Element addresses computed on every path of this iteration so far: (array, index, flow).
    private readonly List<(ISymbol Array, ISymbol Index, DependencyFlow Address)> _addresses = new();

    private readonly System.Action<OperationVector>? _observed;

    /// <param name="isLoopBody">True for one iteration of a loop.</param>
    /// <param name="observed">Told every computed value's longest path (the paths keep their own straight-line chain).</param>
    public ChainRegion(bool isLoopBody, System.Action<OperationVector>? observed = null)
    {
        IsLoopBody = isLoopBody;
        _observed = observed;
    }

    public bool IsLoopBody { get; }

    // Each variable's value at the region's start, made once per region: flows are immutable, and a variable
    // read before it is written (a parameter, a field, a loop-carried local) was a new flow per read.
    private readonly Dictionary<ISymbol, DependencyFlow> _origins = new(SymbolEqualityComparer.Default);

    public DependencyFlow Read(ISymbol variable) =>
        _variables.TryGetValue(variable, out DependencyFlow? flow) ? flow : Origin(variable);

    private DependencyFlow Origin(ISymbol variable)
    {
        if (!_origins.TryGetValue(variable, out DependencyFlow? origin))
        {
            origin = DependencyFlow.Origin(variable);
            _origins[variable] = origin;
        }

        return origin;
    }

    public void Write(ISymbol variable, DependencyFlow flow)
    {
        _variables[variable] = flow;
        _storedThrough.Remove(variable);
        _addresses.RemoveAll(a => SymbolEqualityComparer.Default.Equals(a.Array, variable) || SymbolEqualityComparer.Default.Equals(a.Index, variable));
        Observe(flow);
    }

    /// <summary>
    /// The flow of the value a store to <paramref name="field"/> through the same variable <paramref name="receiver"/>
    /// wrote earlier in this region, which a read of it gets forwarded; false when there was none (the read loads).
    /// </summary>
    public bool TryReadThrough(ISymbol receiver, ISymbol field, out DependencyFlow stored)
    {
        if (_storedThrough.TryGetValue(receiver, out var fields) && fields.TryGetValue(field, out DependencyFlow? flow))
        {
            stored = flow;
            return true;
        }

        stored = DependencyFlow.None;
        return false;
    }

    /// <summary>
    /// Records a store of <paramref name="field"/> through <paramref name="receiver"/>: <paramref name="stored"/> is the
    /// stored value's flow (not the store's). Binding the variable again (<see cref="Write"/>) forgets it. A read before
    /// any store in the region gets nothing: a loop iteration that binds its reference to a new element carries no chain.
    /// </summary>
    public void WriteThrough(ISymbol receiver, ISymbol field, DependencyFlow stored)
    {
        if (!_storedThrough.TryGetValue(receiver, out var fields))
        {
            fields = new Dictionary<ISymbol, DependencyFlow>(SymbolEqualityComparer.Default);
            _storedThrough[receiver] = fields;
        }

        fields[field] = stored;
    }

    /// <summary>
    /// The flow of <c>array[index]</c>'s address when this region already computed it and neither
    /// variable was written since (RyuJIT computes such an address once: one bounds check, one scaling).
    /// </summary>
    public bool TryReuseAddress(ISymbol array, ISymbol index, out DependencyFlow address)
    {
        foreach (var known in _addresses)
        {
            if (SymbolEqualityComparer.Default.Equals(known.Array, array) && SymbolEqualityComparer.Default.Equals(known.Index, index))
            {
                address = known.Address;
                return true;
            }
        }

        address = DependencyFlow.None;
        return false;
    }

    /// <summary>Records that <c>array[index]</c>'s address was computed on every path of the region so far.</summary>
    public void RememberAddress(ISymbol array, ISymbol index, DependencyFlow address) => _addresses.Add((array, index, address));

    /// <summary>Forgets every computed address (after a nested loop, whose writes this region did not see).</summary>
    public void ForgetAddresses() => _addresses.Clear();

    /// <summary>Records a value computed in the region (for the straight-line longest path).</summary>
    public void Observe(DependencyFlow flow)
    {
        _longest = OperationVector.Longer(_longest, flow.Longest);
        _observed?.Invoke(flow.Longest);
    }

    /// <summary>Adds a loop-carried cycle the code does not show as a variable (a foreach's hidden index).</summary>
    public void AddCarriedCycle(OperationVector cycle) => _carriedCandidates.Add(cycle);

    /// <summary>Snapshot of the variable flows, to analyse alternative arms from the same state.</summary>
    public Dictionary<ISymbol, DependencyFlow> Snapshot() => new(_variables, SymbolEqualityComparer.Default);

    /// <summary>Replaces the variable flows by the per-variable longest of the given arm states.</summary>
    public void MergeArms(IReadOnlyList<Dictionary<ISymbol, DependencyFlow>> arms)
    {
        _variables.Clear();
        var names = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var arm in arms)
        {
            names.UnionWith(arm.Keys);
        }

        foreach (ISymbol variable in names)
        {
            var flows = new List<DependencyFlow>();
            foreach (var arm in arms)
            {
                flows.Add(arm.TryGetValue(variable, out DependencyFlow? f) ? f : Origin(variable));
            }

            _variables[variable] = DependencyFlow.Combine(flows);
        }
    }

    /// <summary>
    /// Makes every variable written since <paramref name="before"/> (a <see cref="Snapshot"/>) depend on
    /// <paramref name="control"/> as well: the values a branch's arms computed, when the branch is
    /// mispredicted, wait for its condition. Not a <see cref="Write"/>: the variables are not bound again, so
    /// what was stored through them and the addresses computed from them stay known (a dependency added takes none away).
    /// </summary>
    public void WrittenSinceDependOn(Dictionary<ISymbol, DependencyFlow> before, DependencyFlow control)
    {
        foreach (var entry in new List<KeyValuePair<ISymbol, DependencyFlow>>(_variables))
        {
            if (!before.TryGetValue(entry.Key, out DependencyFlow? old) || !ReferenceEquals(old, entry.Value))
            {
                DependencyFlow controlled = DependencyFlow.Combine(entry.Value, control);
                _variables[entry.Key] = controlled;
                Observe(controlled);
            }
        }
    }

    public void Restore(Dictionary<ISymbol, DependencyFlow> snapshot)
    {
        _variables.Clear();
        foreach (var entry in snapshot)
        {
            _variables[entry.Key] = entry.Value;
        }
    }

    /// <summary>The chain of the region (see the class remarks).</summary>
    public OperationVector Chain()
    {
        if (!IsLoopBody)
        {
            return _longest;
        }

        OperationVector chain = new();
        foreach (OperationVector candidate in _carriedCandidates)
        {
            chain = OperationVector.Longer(chain, candidate);
        }

        // Sorted by name so that ties between equally long cycles resolve the same way every run.
        var carried = new List<KeyValuePair<ISymbol, DependencyFlow>>(_variables);
        carried.Sort((a, b) => string.CompareOrdinal(a.Key.Name, b.Key.Name));
        foreach (var entry in carried)
        {
            if (entry.Value.FromOrigin.TryGetValue(entry.Key, out OperationVector? cycle))
            {
                chain = OperationVector.Longer(chain, cycle);
            }
        }

        return chain;
    }
}
