using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// A hash-chain walk over an array of <c>Entry</c> structs, the shape the network functions' tables walk:
/// <c>while (index &gt;= 0)</c> with the walk's PCV hinted, the loop body given by the test.
/// </summary>
internal static class ChainWalkSource
{
    /// <summary>The block of one iteration of the walk whose body is <paramref name="body"/>, over entries declared by <paramref name="entry"/>.</summary>
    public static BlockSummary LoopBlock(string entry, string body) =>
        Extraction.Extract(entry + @"
            class C {
                private readonly Entry[] _entries = new Entry[16];
                public int M(int index, long key, int hash) {
                    while (index >= 0) {
                        PixHint.Pcv(""chainLength"", ""entries walked"");
                        " + body + @"
                    }
                    return -1; } }").TermAbout("loop over").Block;
}
