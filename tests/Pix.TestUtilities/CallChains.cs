namespace Pix.Testing;

/// <summary>Sources shared by the generator's and the analyzers' tests of how callees are summarised.</summary>
public static class CallChains
{
    /// <summary>
    /// An annotated <c>Chain.Entry</c> whose loop over <c>n</c> is in <c>Five</c>, four calls below it: past the
    /// depth-bounded mode's <c>MaxCallDepth</c> (3), where the innermost call is an opaque term with a gap, and within
    /// bottom-up summaries' reach, where every callee's summary is taken and the loop reaches Entry's interface.
    /// </summary>
    public const string FiveDeep = """
        public static partial class Chain
        {
            [Pix.PerformanceInterface]
            public static int Entry(int n) => One(n);
            private static int One(int n) => Two(n) + 1;
            private static int Two(int n) => Three(n) + 1;
            private static int Three(int n) => Four(n) + 1;
            private static int Four(int n) => Five(n) + 1;
            private static int Five(int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; }
        }
        """;
}
