using System.Runtime.CompilerServices;
#if NET
using System.Runtime.Intrinsics.X86;
#endif

namespace Pix;

/// <summary>
/// What the timing loop does between two calls. The loops are generic over a struct separator so
/// the JIT compiles one specialised loop per separator: the back-to-back loop holds nothing but the
/// call, and the fenced one the call and one instruction.
/// </summary>
internal interface ICallSeparator
{
    void AfterCall();
}

/// <summary>Nothing between calls: they run back to back (<see cref="MeasurementMode.Throughput"/>).</summary>
internal readonly struct BackToBack : ICallSeparator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AfterCall()
    {
    }
}

/// <summary>
/// A load fence between calls (<see cref="MeasurementMode.Latency"/>). On Intel and on AMD (with the
/// speculation mitigations every current kernel enables) <c>LFENCE</c> lets no later instruction
/// start executing until every earlier one has completed; it is the instruction timing code puts
/// before <c>RDTSC</c> for the same reason. The next call's instructions are fetched and decoded
/// meanwhile, so the fence costs a pipeline drain, which the empty-delegate loop (same fence)
/// measures and the harness subtracts.
/// </summary>
internal readonly struct LoadFence : ICallSeparator
{
    /// <summary>Whether this process can fence (x86/x64 under .NET Core).</summary>
#if NET
    public static bool IsAvailable => Sse2.IsSupported;
#else
    public static bool IsAvailable => false;
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AfterCall()
    {
#if NET
        if (Sse2.IsSupported)
        {
            Sse2.LoadFence();
        }
#endif
    }
}
