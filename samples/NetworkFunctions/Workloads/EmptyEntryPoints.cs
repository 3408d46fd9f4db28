using System;
using System.Runtime.CompilerServices;
using Pix.Samples.NetworkFunctions.Translation;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>
/// The network functions' entry points with nothing in them: per function, an instance method of the entry point's name,
/// parameters and result, compiled as its own method as the entry points are (<c>NoInlining</c>), returning at once.
/// A scenario calls one instead of its function while the driver times its baseline (<see cref="Scenario.EntryPointEmptied"/>),
/// so the baseline holds what a call of the entry point costs the caller (loading the receiver, checking it, passing the
/// arguments, the call and the return) and subtracting it leaves the entry point's body: what its interface describes, as
/// <c>pix validate</c> subtracts an empty delegate call (docs/accuracy.md, "Twenty-first session: one rule for the entry call").
/// </summary>
public sealed class EmptyEntryPoints
{
    /// <summary><see cref="Bridge.LearningBridge.Forward"/>'s signature.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Forward(ReadOnlySpan<byte> frame, int inPort, long now) => 0;

    /// <summary><see cref="Firewall.StatefulFirewall.Filter"/>'s signature.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public bool Filter(ReadOnlySpan<byte> packet, long now) => false;

    /// <summary><see cref="LoadBalancer.MaglevLoadBalancer.SelectBackend"/>'s signature.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int SelectBackend(ReadOnlySpan<byte> packet, long now) => 0;

    /// <summary><see cref="Policer.TokenBucketPolicer.Police"/>'s signature.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public bool Police(ReadOnlySpan<byte> packet, long now) => false;

    /// <summary><see cref="Router.LpmRouter.Route"/>'s signature.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Route(ReadOnlySpan<byte> packet) => 0;

    /// <summary><see cref="Nat.Process"/>'s signature.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public NatVerdict Process(ReadOnlySpan<byte> packet, Span<byte> output, int inPort, long now) => default;
}
