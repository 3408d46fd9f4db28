namespace Pix;

/// <summary>
/// How many methods the JIT has compiled in this process so far, every tier and every thread: a
/// count that stops moving once the code being warmed up (and whatever the JIT had queued before
/// it) has reached its final tier.
/// </summary>
internal static class JitActivity
{
#if NET
    public static long CompiledMethods() => System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false);
#else
    // netstandard2.0 cannot see the JIT: the count never moves, so a warm-up ends at its time.
    public static long CompiledMethods() => 0;
#endif
}
