namespace Pix.Cli.Commands;

/// <summary>
/// The status of one method in <c>pix diff</c> (its table, and the JSON's <c>status</c>, which scripts read) and in
/// <c>pix baseline update</c>'s summary, which reads the same rows: one spelling for writers and readers alike.
/// </summary>
internal static class DiffStatus
{
    /// <summary>Both interfaces are equal.</summary>
    public const string Unchanged = "unchanged";

    /// <summary>The interfaces differ, and no input makes the new one slower by more than the tolerance.</summary>
    public const string WithinTolerance = "within tolerance";

    /// <summary>The solver found an input on which the new interface is slower by more than the tolerance.</summary>
    public const string Regressed = "REGRESSED";

    /// <summary>The solver could not settle whether the new interface can be slower (its timeout ran out).</summary>
    public const string Undecided = "undecided";

    /// <summary>Not slower anywhere, and faster on some input.</summary>
    public const string Faster = "faster";

    /// <summary>The two entries were written at different resolutions (<see cref="DiffCommand.ResolutionsDiffer"/>).</summary>
    public const string NotCompared = "not compared";

    /// <summary>Only the new baseline has the method.</summary>
    public const string Added = "added";

    /// <summary>Only the old baseline has the method.</summary>
    public const string Removed = "removed";
}
