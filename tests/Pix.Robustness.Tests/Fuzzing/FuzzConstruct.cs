namespace Pix.Robustness.Tests.Fuzzing;

/// <summary>
/// The construct families the fuzzer emits in the methods it checks (helpers alone do not count: a family
/// is covered only when a checked method uses it). <see cref="FuzzProgram.Constructs"/> records which ones a
/// program used, so a test can assert that the CI slice still covers every family after an edit.
/// </summary>
internal enum FuzzConstruct
{
    /// <summary>A primary constructor whose base list calls the base's primary constructor.</summary>
    PrimaryConstructor,

    /// <summary><c>ref</c>/<c>out</c>/<c>in</c> arguments: locals, fields, array and span elements.</summary>
    ByReferenceArgument,

    /// <summary><c>try</c>/<c>catch</c>/<c>finally</c>, <c>throw</c>, and helpers that always throw.</summary>
    ExceptionHandling,

    /// <summary><c>using</c> statements and declarations.</summary>
    Using,

    /// <summary><c>lock</c> on an object and on a <c>System.Threading.Lock</c>.</summary>
    Lock,

    /// <summary><c>Interlocked</c> and <c>Volatile</c>.</summary>
    Atomic,

    /// <summary>Dictionary, HashSet, List, Queue, ConcurrentDictionary and StringBuilder (library models).</summary>
    Collection,

    /// <summary>MemoryExtensions over spans and BinaryPrimitives (library models).</summary>
    SpanModel,

    /// <summary><c>?.</c>, <c>??</c> and <c>??=</c>.</summary>
    NullConditional,

    /// <summary>Tuples, tuple-returning calls and deconstruction.</summary>
    Tuple,

    /// <summary>Records and record structs: construction, <c>with</c>, equality, deconstruction.</summary>
    Record,

    /// <summary>String interpolation.</summary>
    Interpolation,

    /// <summary>Extension methods.</summary>
    ExtensionMethod,

    /// <summary>Calls of <c>[PerformanceInterface]</c> methods.</summary>
    PerformanceInterfaceCallee,

    /// <summary><c>PixHint.LoopBound</c> and <c>PixHint.Pcv</c> (on loops and on branch arms).</summary>
    Hint,

    /// <summary><c>while</c> loops whose bound Pix can see.</summary>
    BoundedWhile,

    /// <summary><c>while</c> loops without a bound Pix can see (Collatz steps, a scan to a sentinel).</summary>
    UnboundedWhile,

    /// <summary>Calls of <c>async</c> methods (a gap, never an exception).</summary>
    Async,
}
