using System;
using System.Runtime.CompilerServices;

namespace Pix;

/// <summary>
/// Runs one timed batch of calls. Each shape of delegate has its own runner so the timed loop holds
/// nothing but the call (and, when measuring latency, a fence after it: <see cref="ICallSeparator"/>);
/// the same loop with an empty delegate measures the harness's own overhead.
/// </summary>
internal abstract class BatchRunner
{
    // MethodImplOptions.AggressiveOptimization (value 512; not in netstandard2.0's enum): compile the
    // timing loops fully optimised at once, so the harness itself never runs tier-0 code.
    protected const MethodImplOptions TimingLoop = MethodImplOptions.NoInlining | (MethodImplOptions)512;

    /// <summary>Prepares a batch; not timed.</summary>
    public virtual void Setup()
    {
    }

    /// <summary>Calls the code <paramref name="calls"/> times, separated by <typeparamref name="TSeparator"/>, and returns the elapsed clock ticks.</summary>
    public abstract long Run<TSeparator>(long calls, TimeSource clock)
        where TSeparator : struct, ICallSeparator;

    /// <summary>The same loop around an empty delegate: what <see cref="Run{TSeparator}"/> costs beyond the code.</summary>
    public abstract long RunEmpty<TSeparator>(long calls, TimeSource clock)
        where TSeparator : struct, ICallSeparator;

    public static BatchRunner For(Action body) => new ActionRunner(body);

    public static BatchRunner For<TResult>(Func<TResult> body) => new FuncRunner<TResult>(body);

    public static BatchRunner For<TState>(Func<TState> setup, Action<TState> body) => new StateRunner<TState>(setup, body);

    private sealed class ActionRunner : BatchRunner
    {
        private static readonly Action Empty = () => { };
        private readonly Action _body;

        public ActionRunner(Action body) => _body = body;

        public override long Run<TSeparator>(long calls, TimeSource clock) => Loop<TSeparator>(_body, calls, clock);

        public override long RunEmpty<TSeparator>(long calls, TimeSource clock) => Loop<TSeparator>(Empty, calls, clock);

        [MethodImpl(TimingLoop)]
        private static long Loop<TSeparator>(Action body, long calls, TimeSource clock)
            where TSeparator : struct, ICallSeparator
        {
            TSeparator separator = default;
            long start = clock.GetTimestamp();
            for (long i = 0; i < calls; i++)
            {
                body();
                separator.AfterCall();
            }

            return clock.GetTimestamp() - start;
        }
    }

    private sealed class FuncRunner<TResult> : BatchRunner
    {
        private static readonly Func<TResult> Empty = () => default!;
        private readonly Func<TResult> _body;

        // Results go to a field so the JIT cannot drop the computation that produced them.
        private TResult? _sink;

        public FuncRunner(Func<TResult> body) => _body = body;

        public override long Run<TSeparator>(long calls, TimeSource clock) => Loop<TSeparator>(_body, calls, clock);

        public override long RunEmpty<TSeparator>(long calls, TimeSource clock) => Loop<TSeparator>(Empty, calls, clock);

        [MethodImpl(TimingLoop)]
        private long Loop<TSeparator>(Func<TResult> body, long calls, TimeSource clock)
            where TSeparator : struct, ICallSeparator
        {
            TSeparator separator = default;
            TResult? last = default;
            long start = clock.GetTimestamp();
            for (long i = 0; i < calls; i++)
            {
                last = body();
                separator.AfterCall();
            }

            long elapsed = clock.GetTimestamp() - start;
            _sink = last;
            return elapsed;
        }
    }

    private sealed class StateRunner<TState> : BatchRunner
    {
        private static readonly Action<TState> Empty = _ => { };
        private readonly Func<TState> _setup;
        private readonly Action<TState> _body;
        private TState _state = default!;

        public StateRunner(Func<TState> setup, Action<TState> body)
        {
            _setup = setup;
            _body = body;
        }

        public override void Setup() => _state = _setup();

        public override long Run<TSeparator>(long calls, TimeSource clock) => Loop<TSeparator>(_body, _state, calls, clock);

        public override long RunEmpty<TSeparator>(long calls, TimeSource clock) => Loop<TSeparator>(Empty, _state, calls, clock);

        [MethodImpl(TimingLoop)]
        private static long Loop<TSeparator>(Action<TState> body, TState state, long calls, TimeSource clock)
            where TSeparator : struct, ICallSeparator
        {
            TSeparator separator = default;
            long start = clock.GetTimestamp();
            for (long i = 0; i < calls; i++)
            {
                body(state);
                separator.AfterCall();
            }

            return clock.GetTimestamp() - start;
        }
    }
}
