using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;

namespace Pix.Solver;

/// <summary>
/// Answers questions with Z3: writes the SMT-LIB2 script (<see cref="SmtQueryWriter"/>), runs it in a
/// fresh context through <c>Z3_eval_smtlib2_string</c>, reads the verdict and model back
/// (<see cref="Z3OutputParser"/>), and checks every witness with the reference evaluator before
/// returning it.
/// </summary>
/// <remarks>
/// <para><b>Thread safety.</b> One Z3 context per query, created and deleted around it: contexts share
/// nothing, so concurrent analyzer calls need no lock, and nothing outlives a query (no finalizers, no
/// reference counting across calls). A context costs well under a millisecond to create.</para>
/// <para><b>Hard timeout.</b> Z3 gets the timeout twice, as its <c>timeout</c> parameter and as
/// <c>(set-option :timeout …)</c> in the script (so replays behave alike). Z3 4.8.12 does not check
/// either everywhere (measured: a cubic constraint over 31-bit bounds ran past 30 s, ignoring
/// <c>timeout</c>, <c>rlimit</c> and <c>Z3_interrupt</c>), so each query runs on its own thread: past
/// the timeout plus a grace period Pix interrupts it, and past a second grace period it abandons the
/// thread and answers <see cref="SolverVerdict.Unknown"/>. The caller never waits longer than
/// timeout + 2 × 0.5 s. The encoding avoids the trigger: no upper bounds on quantities in the script
/// (the evaluator rejects witnesses beyond 2^31 − 1 instead).</para>
/// <para><b>Errors.</b> Z3's default error handler may print and exit the process; Pix removes it
/// (<c>Z3_set_error_handler(ctx, NULL)</c>) and reads the error code and the <c>(error …)</c> output
/// instead: a script Z3 rejects becomes an <see cref="SolverVerdict.Unknown"/> answer with the reason.</para>
/// </remarks>
public sealed class Z3Engine : SolverEngine
{
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(500);

    private readonly Z3Library _z3;
    private readonly SolverOptions _options;

    /// <summary>Creates an engine over a loaded library (<see cref="Z3Library.TryLoad"/>).</summary>
    public Z3Engine(Z3Library library, SolverOptions options)
    {
        _z3 = library ?? throw new ArgumentNullException(nameof(library));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <inheritdoc/>
    public override string Name => "z3 " + _z3.Version;

    /// <inheritdoc/>
    public override bool IsComplete => true;

    /// <inheritdoc/>
    public override SolverAnswer Check(SolverQuestion question, CancellationToken cancellationToken)
    {
        SmtQuery query;
        try
        {
            query = SmtQueryWriter.Write(question, _options.Timeout);
        }
        catch (ArgumentOutOfRangeException e)
        {
            // A NaN or infinite constant in a model: nothing to ask Z3.
            return SolverAnswer.Without(SolverVerdict.Unknown, Name, "the models cannot be written as SMT-LIB2: " + e.Message);
        }

        string? output = Run(query.Text, cancellationToken, out int errorCode);
        _options.QueryLog?.Record(query.Text, output ?? "; abandoned: no answer within the timeout and the interrupt's grace period");
        if (output is null)
        {
            return SolverAnswer.Without(SolverVerdict.Unknown, Name, "Z3 overran the timeout and ignored the interrupt; query abandoned");
        }

        Z3Output parsed = Z3OutputParser.Parse(output, query.Symbols);

        if (parsed.Status == SolverVerdict.Found)
        {
            if (!QuestionEvaluator.Holds(question, parsed.Model, out string why))
            {
                return SolverAnswer.Without(SolverVerdict.Unknown, Name, "Z3's model does not hold under the evaluator: " + why);
            }

            return new SolverAnswer(SolverVerdict.Found, parsed.Model, Name, "model found");
        }

        if (parsed.Status == SolverVerdict.Impossible)
        {
            return SolverAnswer.Without(SolverVerdict.Impossible, Name, "proved (unsat)");
        }

        string detail = parsed.Errors.Count > 0 ? "Z3 error: " + string.Join("; ", parsed.Errors)
            : errorCode != 0 ? "Z3 error code " + errorCode.ToString(CultureInfo.InvariantCulture)
            : "unknown (timeout " + _options.Timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms, or beyond Z3's nonlinear arithmetic)";
        return SolverAnswer.Without(SolverVerdict.Unknown, Name, detail);
    }

    /// <summary>
    /// Runs one script in a fresh context on its own thread and returns Z3's output, or null when Z3
    /// overran the timeout and ignored <c>Z3_interrupt</c> (then the thread is abandoned: it deletes its
    /// context whenever Z3 returns, and the build goes on).
    /// </summary>
    internal string? Run(string script, CancellationToken cancellationToken, out int errorCode)
    {
        var run = new NativeRun(_z3, script, _options.Timeout);
        var thread = new Thread(run.Execute, maxStackSize: 16 * 1024 * 1024) { IsBackground = true, Name = "Pix Z3 query" };
        thread.Start();

        TimeSpan deadline = _options.Timeout + Grace;
        bool finished = WaitHandle.WaitAny(new[] { run.Done.WaitHandle, cancellationToken.WaitHandle }, deadline) == 0;
        if (!finished)
        {
            run.Interrupt();
            finished = run.Done.Wait(Grace);
        }

        cancellationToken.ThrowIfCancellationRequested();
        errorCode = run.ErrorCode;
        return finished ? run.Output : null;
    }

    /// <summary>One script's run on a worker thread; owns its Z3 context from creation to deletion.</summary>
    private sealed class NativeRun
    {
        private readonly Z3Library _z3;
        private readonly string _script;
        private readonly TimeSpan _timeout;
        private readonly object _gate = new();
        private IntPtr _context;

        public NativeRun(Z3Library z3, string script, TimeSpan timeout)
        {
            _z3 = z3;
            _script = script;
            _timeout = timeout;
        }

        public ManualResetEventSlim Done { get; } = new(false);

        public string? Output { get; private set; }

        public int ErrorCode { get; private set; }

        public void Execute()
        {
            IntPtr config = _z3.MakeConfig();
            try
            {
                _z3.SetParamValue(config, Z3Library.Utf8("timeout"), Z3Library.Utf8(((long)_timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)));
                _z3.SetParamValue(config, Z3Library.Utf8("model"), Z3Library.Utf8("true"));
                lock (_gate)
                {
                    _context = _z3.MakeContext(config);
                }
            }
            finally
            {
                _z3.DeleteConfig(config);
            }

            try
            {
                _z3.SetErrorHandler(_context, IntPtr.Zero);
                Output = Z3Library.FromUtf8(_z3.EvalSmtlib2String(_context, Z3Library.Utf8(_script)));
                ErrorCode = _z3.GetErrorCode(_context);
            }
            finally
            {
                lock (_gate)
                {
                    _z3.DeleteContext(_context);
                    _context = IntPtr.Zero;
                }

                Done.Set();
            }
        }

        public void Interrupt()
        {
            lock (_gate)
            {
                if (_context != IntPtr.Zero)
                {
                    _z3.Interrupt(_context);
                }
            }
        }
    }
}

/// <summary>Z3's answer to one script, read back.</summary>
internal sealed record Z3Output(SolverVerdict Status, IReadOnlyDictionary<string, double> Model, IReadOnlyList<string> Errors);

/// <summary>Reads Z3's output: the first <c>sat</c>/<c>unsat</c>/<c>unknown</c>, the <c>(get-value …)</c> pairs, <c>(error …)</c> lines.</summary>
internal static class Z3OutputParser
{
    public static Z3Output Parse(string output, SmtSymbols symbols)
    {
        SolverVerdict? status = null;
        var model = new Dictionary<string, double>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (SExpr e in SExpr.ParseAll(output))
        {
            if (e.Atom is { } atom)
            {
                status ??= atom switch
                {
                    "sat" => SolverVerdict.Found,
                    "unsat" => SolverVerdict.Impossible,
                    "unknown" or "timeout" => SolverVerdict.Unknown,
                    _ => null,
                };
                continue;
            }

            if (e.Items.Count >= 1 && e.Items[0].Atom == "error")
            {
                errors.Add(e.Items.Count > 1 ? e.Items[1].ToString() : "(error)");
                continue;
            }

            foreach (SExpr pair in e.Items)
            {
                if (pair.Items.Count == 2 && pair.Items[0].Atom is { } symbol
                    && symbols.NameOf(symbol) is { } name && SmtNumbers.TryParse(pair.Items[1], out double value))
                {
                    model[name] = value;
                }
            }
        }

        SolverVerdict verdict = status ?? SolverVerdict.Unknown;
        if (verdict == SolverVerdict.Found && model.Count < symbols.Names.Count)
        {
            errors.Add("sat, but the model lacks values for " + (symbols.Names.Count - model.Count) + " quantities");
            verdict = SolverVerdict.Unknown;
        }

        return new Z3Output(verdict, model, errors);
    }
}
