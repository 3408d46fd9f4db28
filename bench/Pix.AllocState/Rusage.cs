using System.Runtime.InteropServices;

namespace Pix.AllocState;

/// <summary>
/// The kernel's own counters for this process (getrusage(RUSAGE_SELF)): minor page faults and involuntary
/// context switches, cheap enough to read around every batch (one system call), and the user/system CPU time
/// (a page fault's zeroing is system time).
/// </summary>
internal static class Rusage
{
    // struct rusage on x86-64 Linux: two timevals (16 bytes each), then 14 longs.
    private const int Longs = 18;
    private const int MinorFaults = 8;
    private const int InvoluntarySwitches = 17;

    [DllImport("libc", SetLastError = true)]
    private static extern unsafe int getrusage(int who, long* usage);

    public readonly record struct Snapshot(long MinorFaults, long InvoluntarySwitches, double UserSeconds, double SystemSeconds);

    public static unsafe Snapshot Read()
    {
        long* u = stackalloc long[Longs];
        if (getrusage(0, u) != 0)
        {
            throw new System.InvalidOperationException($"getrusage failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return new Snapshot(u[MinorFaults], u[InvoluntarySwitches], u[0] + u[1] / 1e6, u[2] + u[3] / 1e6);
    }
}
