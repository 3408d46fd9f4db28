using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Pix.Extraction.Analysis;

/// <summary>
/// Measurement only (the corpus harness's <c>--alloc-sites</c>, tests): the bytes an extraction allocates, charged to the
/// site that was running when they were allocated — the kind of the operation the walk is in, or a phase (binding, a
/// callee's summary, its substitution, the model's assembly). Sites nest: bytes go to the innermost open one only
/// (<em>self</em> bytes), so a loop's bytes are the loop's own bookkeeping, not its body's. Counted, not timed: bytes do
/// not move with the machine's load. Allocation samples by type could not say which site allocates; this can.
/// Null outside measurements (<see cref="ForMeasurement"/>); one thread, extractions measured one at a time.
/// </summary>
internal sealed class AllocationSites
{
    /// <summary>The meter the walk charges, or null (the normal path: one static read and a null check per site).</summary>
    internal static AllocationSites? ForMeasurement { get; set; }

    private readonly Func<long> _allocatedBytes;
    private readonly List<string> _open = new();
    private readonly Dictionary<OperationKind, string> _kindNames = new();
    private int _thread;
    private long _mark;

    /// <param name="allocatedBytes">The bytes the current thread allocated so far (the extractor's target cannot read them).</param>
    public AllocationSites(Func<long> allocatedBytes) => _allocatedBytes = allocatedBytes;

    /// <summary>Self bytes by site, summed since <see cref="Clear"/>.</summary>
    public Dictionary<string, long> Bytes { get; } = new(StringComparer.Ordinal);

    /// <summary>Times each site was entered.</summary>
    public Dictionary<string, long> Entries { get; } = new(StringComparer.Ordinal);

    /// <summary>Starts one extraction on this thread: sites a failed extraction left open are dropped.</summary>
    public void Begin()
    {
        _open.Clear();
        _thread = System.Threading.Thread.CurrentThread.ManagedThreadId;
        _mark = _allocatedBytes();
    }

    /// <summary>Ends the extraction: what was allocated since the last site closed goes to the open site, or to "(between sites)".</summary>
    public void End()
    {
        Charge();
        _open.Clear();
    }

    public void Clear()
    {
        Bytes.Clear();
        Entries.Clear();
    }

    /// <summary>The walk entered <paramref name="operation"/>.</summary>
    public void Enter(IOperation operation)
    {
        if (!_kindNames.TryGetValue(operation.Kind, out string? name))
        {
            name = "op " + operation.Kind;
            _kindNames[operation.Kind] = name;
        }

        Enter(name);
    }

    /// <summary>A phase started (a constant name: the meter must not make the walk allocate).</summary>
    public void Enter(string site)
    {
        if (System.Threading.Thread.CurrentThread.ManagedThreadId != _thread)
        {
            return;
        }

        Charge();
        _open.Add(site);
        Entries.TryGetValue(site, out long n);
        Entries[site] = n + 1;
    }

    /// <summary>The innermost site ended.</summary>
    public void Leave()
    {
        if (System.Threading.Thread.CurrentThread.ManagedThreadId != _thread || _open.Count == 0)
        {
            return;
        }

        Charge();
        _open.RemoveAt(_open.Count - 1);
    }

    private void Charge()
    {
        long now = _allocatedBytes();
        string site = _open.Count > 0 ? _open[_open.Count - 1] : "(between sites)";
        Bytes.TryGetValue(site, out long bytes);
        Bytes[site] = bytes + (now - _mark);

        // Read again: the meter's own bookkeeping (a new key) is charged to no site.
        _mark = _allocatedBytes();
    }
}

/// <summary>The phases <see cref="AllocationSites"/> names besides operation kinds.</summary>
internal static class AllocationSite
{
    /// <summary>Asking Roslyn for a body's operations (the compiler's binding, and Pix's look-up of the body).</summary>
    public const string Binding = "binding";

    /// <summary>A method's analysis outside any operation: setting up the analyzer, binding its parameters.</summary>
    public const string MethodAnalysis = "method analysis (outside operations)";

    /// <summary>Getting a callee's summary: memo, replay checks, recording (its own walk is charged to its operations).</summary>
    public const string CalleeSummary = "callee summary (memo, replay, record)";

    /// <summary>Substituting a callee's paths at the call and joining them to the caller's.</summary>
    public const string CalleeSubstitution = "callee substitution";

    /// <summary>Within a substitution: a callee term's count, re-expressed over the caller's quantities.</summary>
    public const string SubstitutionCounts = "callee substitution: counts";

    /// <summary>Within a substitution: a callee term's description at the call (<c>"… in Callee"</c>).</summary>
    public const string SubstitutionDescriptions = "callee substitution: descriptions";

    /// <summary>Within a substitution: the callee's guards over the caller's inputs.</summary>
    public const string SubstitutionGuards = "callee substitution: guards";

    /// <summary>Within a guard's substitution: a quantity it reads, resolved over the caller's inputs (once per name and call).</summary>
    public const string SubstitutionGuardOperands = "callee substitution: guard operands";

    /// <summary>Within a substitution: the callee's branch slack at the call.</summary>
    public const string SubstitutionSlack = "callee substitution: slack";

    /// <summary>Within a substitution: the substituted paths following the caller's live paths (<c>PathSet.Then</c>).</summary>
    public const string SubstitutionPaths = "callee substitution: joining paths";

    /// <summary>Closing a method's summary (recursion, the chain).</summary>
    public const string Finish = "summary finish";

    /// <summary>Assembling the extracted method's model from its summary (pieces, quantities).</summary>
    public const string ModelAssembly = "model assembly";
}
