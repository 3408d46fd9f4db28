using System;
using System.Globalization;
using System.IO;
using System.Threading;
using Pix.Solver;

namespace Pix.Analyzers.Regression;

/// <summary>
/// Writes every solver query and Z3's answer to the folder named by <c>PixDumpSolverQueries</c>
/// (<c>query-0001.smt2</c>, with the answer appended as comments), to replay with <c>z3 file.smt2</c>.
/// </summary>
/// <remarks>
/// The one place where Pix writes a file from inside the compiler, on explicit request only (the
/// property is unset by default). It is here rather than in the CLI because the queries exist only in
/// the build that asked them: re-running the analysis elsewhere would not reproduce the same options,
/// profile and models. A write that fails is dropped: a debugging aid must not fail the build.
/// </remarks>
internal sealed class QueryDumpFolder : IQueryLog
{
    private readonly string _folder;
    private int _count;

    public QueryDumpFolder(string folder) => _folder = folder;

    public void Record(string queryText, string rawAnswer)
    {
        int number = Interlocked.Increment(ref _count);
        string path = Path.Combine(_folder, "query-" + number.ToString("0000", CultureInfo.InvariantCulture) + ".smt2");
        string answer = "; answer:\n; " + rawAnswer.Replace("\n", "\n; ") + "\n";
#pragma warning disable RS1035 // Writing files is banned in analyzers; this is the documented, opt-in exception (see remarks).
        try
        {
            Directory.CreateDirectory(_folder);
            File.WriteAllText(path, queryText + answer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // Best effort: an unwritable dump folder must not break the build.
        }
#pragma warning restore RS1035
    }
}
