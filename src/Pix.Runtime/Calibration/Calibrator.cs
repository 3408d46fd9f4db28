using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Pix.Calibration.Kernels;

namespace Pix.Calibration;

/// <summary>
/// Measures this machine: warms every kernel up together, times each one in several passes (the
/// quietest timing counts, so a noisy neighbour during one pass does not decide the profile; a kernel
/// whose timings disagree is timed more often), fits per-class latencies and throughputs across
/// kernels, and derives what kernels cannot isolate.
/// </summary>
internal sealed class Calibrator
{
    /// <summary>Iterations per kernel call: long enough that the call itself vanishes, short enough for fine batching.</summary>
    internal const int Iterations = 256;

    /// <summary>Searches per call of the loop-exit pair: each is a ~61-item search (~20 ns), so fewer calls than <see cref="Iterations"/> last as long.</summary>
    internal const int ExitSearches = 32;

    private readonly CalibrationOptions _options;
    private readonly IProgress<CalibrationProgress>? _progress;
    private readonly CancellationToken _cancellationToken;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly KernelState _state = new();
    private readonly BulkKernels _bulk = new();
    private readonly BranchMissKernels _branches = new(seed: 12345);
    private readonly LoopExitKernels _exits = new(seed: 23023);
    private readonly IssueWidthKernels _issue = new();
    private readonly LoadPortKernel _loads = new();
    private readonly LibraryCopyCallKernel _appends = new();
    private MemoryLatencyKernel? _memoryLatency;

    public Calibrator(CalibrationOptions options, IProgress<CalibrationProgress>? progress, CancellationToken cancellationToken)
    {
        options.Validate();
        _options = options;
        _progress = progress;
        _cancellationToken = cancellationToken;
    }

    public CalibrationResult Run()
    {
        ThrowIfKernelsUnoptimized();
        List<Probe> probes = CreateProbes();
        WarmUp(probes);

        var perPass = probes.ToDictionary(p => p, _ => new List<Timing>());

        // The issue kernels at several moments of every pass: their figure needs a moment the core was the process's own.
        IReadOnlyList<Probe> schedule = PassSchedule.Spread(probes, p => p.IssueSlots is not null, IssueWidthKernels.MomentsPerPass);
        PassLog log = PassLoop.Run(_options, CoreMonitor.Process, () => _clock.Elapsed, pass => RunPass(pass, schedule, perPass));

        Report("memory latency", null, 0, 1);
        MemoryLatencyTiming? memoryLatency = _memoryLatency?.Measure();

        Report("fit", null, 0, 1);
        return Fit(probes, perPass, log, memoryLatency);
    }

    /// <summary>
    /// One pass: every probe of <paramref name="schedule"/> timed where it stands in it (the issue kernels stand at several
    /// places: <see cref="PassSchedule"/>), each time once, or <see cref="ExtraTimings"/> more times once its timings disagree. The
    /// core's issue rate is probed around it (<see cref="PassLoop"/>): a pass during which another hardware thread
    /// shared the core shows it (its stream kernels run slower).
    /// </summary>
    private void RunPass(int pass, IReadOnlyList<Probe> schedule, Dictionary<Probe, List<Timing>> perPass)
    {
        for (int i = 0; i < schedule.Count; i++)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            List<Timing> timings = perPass[schedule[i]];
            int times = TimingsInPass(timings.Count, timings.Count >= 2 ? PassSpread(timings) : 0, KernelStatistic.TakesMedian(schedule[i].Kernel));
            for (int t = 0; t < times; t++)
            {
                MeasurementOptions options = timings.Count == 0 ? _options.Measurement : Repeat(timings[0].Result);
                timings.Add(new Timing(pass, Measurement.MeasureWith(schedule[i].Measure, options)));
            }

            Report($"pass {pass}", schedule[i].Name, i + 1, schedule.Count);
        }
    }

    /// <summary>
    /// A later pass over a kernel: the batch size the first pass found, and a warm-up only long enough
    /// to bring its data and code back into the caches. Every kernel reached tier-1 code in the common
    /// warm-up, so sizing again would spend most of a pass re-measuring what is known (40 ms per
    /// kernel against 6 ms of timed batches), and a pass interrupted while sizing timed 10-25x shorter
    /// batches than the others. The time saved buys more passes: more chances for each kernel to be
    /// timed while the machine is quiet.
    /// </summary>
    private MeasurementOptions Repeat(MeasurementResult first) => _options.Measurement with
    {
        CallsPerBatch = first.CallsPerBatch,
        WarmupTime = TimeSpan.FromTicks(Math.Min(_options.Measurement.WarmupTime.Ticks, RewarmTime.Ticks)),
    };

    /// <summary>
    /// How far apart (max − min) / min a kernel's timings may be before each later pass times it
    /// <see cref="ExtraTimings"/> more times: the repeatability the profile aims at (5%).
    /// </summary>
    private const double DisagreeingSpread = 0.05;

    /// <summary>
    /// How many times a pass times a kernel that has <paramref name="timingsSoFar"/> timings, (max − min) / min
    /// <paramref name="spreadSoFar"/> apart: an allocation kernel (<paramref name="takesMedian"/>)
    /// <see cref="AllocationTimingsPerPass"/> times, another once, or <see cref="ExtraTimings"/> more once its timings disagree.
    /// </summary>
    internal static int TimingsInPass(int timingsSoFar, double spreadSoFar, bool takesMedian) =>
        takesMedian ? AllocationTimingsPerPass
        : timingsSoFar >= 2 && spreadSoFar > DisagreeingSpread ? 1 + ExtraTimings : 1;

    /// <summary>
    /// Timings per pass of an allocation kernel. Its figure is the median of its timings (<see cref="KernelStatistic"/>),
    /// each a moment of the memory system and the collector that moves 10% within one process (the 2 KB kernel's five
    /// timings in one calibration of the twenty-sixth session read 340–391 ns an iteration at load 7): a median of the
    /// 2–5 timings the disagreement rule gave moved with which moments it caught. Seven calibrations with five a pass took
    /// 14.9–19.1 s against 15.1–18.8 s without, alternated at load 15–26 (docs/accuracy.md, twenty-sixth session, `alloc26`,
    /// where this did not yet make the figure repeatable: the kernel's state per process decides it).
    /// </summary>
    internal const int AllocationTimingsPerPass = 5;

    /// <summary>
    /// Extra timings per pass of a kernel whose timings disagree. Some kernels (calls, allocation)
    /// run at one of a few speeds a cycle or more apart, each held for milliseconds, and interference
    /// only ever slows them; the quietest of more timings is the more repeatable figure. A later
    /// timing costs a few milliseconds (<see cref="Repeat"/>), a pass half a second or more.
    /// </summary>
    internal const int ExtraTimings = 2;

    /// <summary>
    /// Adds a chain-only class's cost (<see cref="CalibrationKernels.ChainOnly"/>): its fitted latency when a chain kernel
    /// measured it, else the default a profile without the class takes (from the costs fitted so far), never 0, which
    /// would price the operation as free.
    /// </summary>
    internal static void AddChainOnly(OperationClass operation, string note, IReadOnlyDictionary<OperationClass, double> fittedLatencies, int chainKernels,
        Dictionary<OperationClass, OperationCost> costs, Dictionary<OperationClass, string> sources)
    {
        if (fittedLatencies.TryGetValue(operation, out double fitted))
        {
            costs[operation] = new OperationCost(fitted, fitted);
            sources[operation] = $"fitted ({chainKernels} chain kernels); {note}";
        }
        else if (HardwareProfile.TryGetLaterClassDefault(operation, costs, out OperationCost fallback))
        {
            costs[operation] = fallback;
            sources[operation] = $"not fitted (no chain kernel measured it): the default of a profile without it; {note}";
        }
    }

    /// <summary>(max − min) / min of the medians of a kernel's timings so far.</summary>
    private static double PassSpread(IReadOnlyCollection<Timing> timings)
    {
        double best = timings.Min(t => t.Result.Median.Nanoseconds);
        return best == 0 ? 0 : (timings.Max(t => t.Result.Median.Nanoseconds) - best) / best;
    }

    /// <summary>Warm-up of a kernel in a later pass (<see cref="Repeat"/>).</summary>
    private static readonly TimeSpan RewarmTime = TimeSpan.FromMilliseconds(2);

    private CalibrationResult Fit(List<Probe> probes, Dictionary<Probe, List<Timing>> perPass, PassLog log, MemoryLatencyTiming? memoryLatency)
    {
        // Interference (a busy hyperthread sibling, a neighbour's build) only ever adds time, and on a
        // shared machine it can last for a whole pass of one kernel: a kernel of fixed work takes its
        // quietest batch over all timings, the bulk and memory-level probes their quietest timing's
        // median, the allocation kernels the median of their timings (KernelStatistic says why). Over
        // all passes, not only those the issue-rate probes called quiet: the probes around a pass do not
        // see every kernel's moment in it, and taking the throughput kernels from the quiet passes only
        // raised a quarter of the figures it changed by more than 5% (docs/calibration.md).
        // A kernel timed in several copies of its code (PlacementCopies) is priced at the mean over its copies; each copy's
        // own figure is its timing row (OwnFigure).
        // With pix calibrate's children (ProcessAverage), the ALU chain, the append kernel and the loop-exit pair are priced at
        // the mean over those processes instead; this process's own figures stay in the kernel table.
        ProcessAverage? across = _options.AcrossProcesses;
        bool Across(OperationClass c) => across is not null && ProcessAverage.Classes.Contains(c);
        double PerUnit(Probe p) => Across(OperationClass.IntegerAlu) && IsAluChain(p) ? across!.AluChainNs
            : p.Placement is null ? OwnFigure(p)
            : PlacementFigure.Of(CopiesOf(p).Select(c => (IReadOnlyCollection<TimingFigures>)FiguresOf(c)).ToList(), RuleOf(p)) / p.Units;

        static bool IsAluChain(Probe p) => p.Kernel?.Name == CalibrationKernels.AluChainName;

        double OwnFigure(Probe p) => Figure(p, RuleOf(p));

        // A chase the L2 holds is fixed work too (MemoryChase.Figure).
        KernelFigure RuleOf(Probe p) => p.CopyCalls ? LibraryCopyCallFit.Rule
            : p.WorkingSet is { } workingSet ? MemoryChase.Figure(workingSet, CacheGeometry.Current.L2?.Bytes)
            : KernelStatistic.For(p.Kernel, fixedWork: p.IssueSlots is not null || p.LoadsPerIteration is not null);

        List<Probe> CopiesOf(Probe p) => probes.Where(q => q.Placement?.Kernel == p.Placement?.Kernel).ToList();

        List<TimingFigures> FiguresOf(Probe p) => perPass[p].Select(t => new TimingFigures(t.Result.Median.Nanoseconds, t.Result.Min.Nanoseconds)).ToList();

        double Figure(Probe p, KernelFigure rule) => KernelStatistic.Figure(FiguresOf(p), rule) / p.Units;

        var observations = probes.Where(p => p.Kernel is not null)
            .Select(p => new KernelObservation(p.Name, p.Kernel!.Bound, p.Kernel.CountsPerIteration, PerUnit(p)))
            .ToList();
        CostFitResult latency = CostFit.Fit(observations, KernelBound.Latency);
        CostFitResult throughput = CostFit.Fit(observations, KernelBound.Throughput);

        var costs = new Dictionary<OperationClass, OperationCost>();
        var sources = new Dictionary<OperationClass, string>();
        foreach (OperationClass c in HardwareProfile.AllClasses)
        {
            if (throughput.Costs.TryGetValue(c, out double t))
            {
                bool hasLatency = latency.Costs.TryGetValue(c, out double l);
                costs[c] = new OperationCost(hasLatency ? l : t, t);
                sources[c] = hasLatency
                    ? $"fitted ({CountKernels(observations, c, KernelBound.Latency)} chain, {CountKernels(observations, c, KernelBound.Throughput)} stream kernels)"
                    : $"fitted ({CountKernels(observations, c, KernelBound.Throughput)} stream kernels); {CalibrationKernels.LatencyDerivedFromThroughput[c]}";
                if (Across(c) && c == OperationClass.IntegerAlu)
                {
                    Probe aluChain = probes.Single(IsAluChain);
                    sources[c] += $"; the {CalibrationKernels.AluChainName} at the mean over {across!.Processes} processes ({across.AluChainNs:0.00} ns an iteration; this one alone {OwnFigure(aluChain):0.00})";
                }
            }
        }

        // An allocation's per-object cost from the allocation kernels' quietest batches; the per-byte cost stays the
        // medians' (AllocationFit says why).
        List<KernelObservation> quietestAllocations = probes.Where(p => KernelStatistic.TakesMedian(p.Kernel))
            .Select(p => new KernelObservation(p.Name, p.Kernel!.Bound, p.Kernel.CountsPerIteration, Figure(p, KernelStatistic.PerObject)))
            .ToList();
        if (AllocationFit.PerObject(quietestAllocations, counts => counts.Sum(c => c.Value * (costs.TryGetValue(c.Key, out OperationCost cost) ? cost.Throughput : 0))) is { } perObject)
        {
            costs[OperationClass.Allocation] = new OperationCost(perObject, perObject);
            sources[OperationClass.Allocation] = "the smallest and the largest allocation kernel's quietest batches (AllocationFit); latency = throughput (allocation helper)";
        }

        foreach (KeyValuePair<OperationClass, string> chainOnly in CalibrationKernels.ChainOnly)
        {
            AddChainOnly(chainOnly.Key, chainOnly.Value, latency.Costs, CountKernels(observations, chainOnly.Key, KernelBound.Latency), costs, sources);
        }

        var fittedTimes = new Dictionary<string, double>();
        foreach (FittedKernel k in latency.Kernels.Concat(throughput.Kernels))
        {
            fittedTimes[k.Kernel.Name] = k.FittedNanoseconds;
        }

        foreach (IGrouping<OperationClass, Probe> group in probes.Where(p => p.Bulk is not null).GroupBy(p => p.Bulk!.Value))
        {
            var points = group.Select(p => ((double)p.Units, PerUnit(p) * p.Units)).ToList();
            (double perByte, double fixedNs) = CostFit.Line(points);
            costs[group.Key] = new OperationCost(perByte, perByte);
            sources[group.Key] = CalibrationKernels.LatencyDerivedFromThroughput[group.Key];
            foreach (Probe p in group)
            {
                fittedTimes[p.Name] = fixedNs + (perByte * p.Units);
            }
        }

        // A miss is not fitted either: the pair's difference is the refill (BranchMissKernels), from each kernel's
        // quietest batch (BranchMissPair). A mispredicted loop exit the same way, from its own pair: the random exit's
        // search less the fixed one's (LoopExitKernels).
        // The loop-exit pair is timed in copies (PlacementCopies): copy k of each run shares its search's code, so the
        // difference is taken in each copy, then the mean over the copies (PlacementFigure.PairDifference).
        MissFromPair(OperationClass.BranchMiss, probes.Where(p => p.Outcomes == BranchOutcomes.Equal).ToList(), probes.Where(p => p.Outcomes == BranchOutcomes.Random).ToList(),
            d => (BranchMissKernels.MissNs(d), true), BranchMissKernels.MissesPerIteration);
        double branchMissNs = costs[OperationClass.BranchMiss].Latency;
        MissFromPair(OperationClass.LoopExitMiss, probes.Where(p => p.Exits == BranchOutcomes.Equal).ToList(), probes.Where(p => p.Exits == BranchOutcomes.Random).ToList(),
            d => LoopExitKernels.MissNsOrBranchMiss(d, branchMissNs), LoopExitKernels.MissesPerIteration);

        // The learnt trip count: where a search's cost a call steps up by at least half the loop-exit miss just priced
        // (LearntTripCountKernel); none found, the profile keeps its default.
        Report("learnt trip count", null, 0, 1);
        LearntTripCountTiming learntTrips = new LearntTripCountKernel().Measure(LearntTripCountFit.MinimumStepShare * costs[OperationClass.LoopExitMiss].Latency);

        // The issue width is not fitted with the classes either: it is slots over cycles (IssueWidthFit).
        var issueKernels = probes.Where(p => p.IssueSlots is not null)
            .Select(p => new IssueWidthObservation(p.Name, p.IssueSlots!.Value, PerUnit(p)))
            .ToList();
        double cycleNs = costs[OperationClass.IntegerAlu].Latency;
        double? issueWidth = IssueWidthFit.Fit(issueKernels, cycleNs);
        foreach (IssueWidthObservation k in issueKernels)
        {
            fittedTimes[k.Name] = IssueWidthFit.FittedNanoseconds(k, cycleNs, issueWidth ?? HardwareProfile.DefaultIssueWidth);
        }

        // Nor the loads' throughput: the load-port kernel's time over its loads (LoadPortFit).
        Probe loadPorts = probes.Single(p => p.LoadsPerIteration is not null);
        OperationCost load = costs[OperationClass.Load];
        if (LoadPortFit.Throughput(PerUnit(loadPorts), loadPorts.LoadsPerIteration!.Value, load.Throughput) is { } loadThroughput)
        {
            costs[OperationClass.Load] = new OperationCost(load.Latency, loadThroughput);
            sources[OperationClass.Load] += $"; throughput from the load-port kernel ({LoadPortFit.LoadsPerCycle(loadThroughput, cycleNs):0.00} loads a cycle)";
        }

        fittedTimes[loadPorts.Name] = costs[OperationClass.Load].Throughput * loadPorts.LoadsPerIteration!.Value;

        // A chase is not fitted: its time per link is the curve's point.
        var memoryLevels = probes.Where(p => p.WorkingSet is not null).Select(p => new MemoryLevelTiming(
            new MemoryLoadLatency(p.WorkingSet!.Value, PerUnit(p)),
            Spread(p),
            SampleStatistics.MedianOf(perPass[p].Select(t => t.Result.CoefficientOfVariation)))).ToList();

        List<KernelTiming> Timings() => probes.Where(p => p.WorkingSet is null).Select(p =>
        {
            double best = OwnFigure(p);
            double measured = p.Bulk is null ? best : best * p.Units;
            return new KernelTiming(p.Name, p.Kind, measured, fittedTimes[p.Name], Spread(p), SampleStatistics.MedianOf(perPass[p].Select(t => t.Result.CoefficientOfVariation)));
        }).ToList();

        var profile = new HardwareProfile(
            _options.ProfileName ?? Environment.MachineName,
            MachineInfo.Describe(),
            costs,
            opaqueCallCosts: null,
            defaultOpaqueCallNs: HardwareProfile.Reference.DefaultOpaqueCallNs)
            .WithMemoryLoads(memoryLevels.Select(m => m.Point))
            .WithMemoryLatency(memoryLatency?.LatencyNs);
        profile = WithIssueWidth(profile, issueWidth, _options.RecordIssueWidth);
        if (learntTrips.LearntTripCount is { } learntTripCount)
        {
            profile = profile.WithLearntTripCount(learntTripCount);
        }

        // Nor the float ports' sharing: the mixed kernel's time beyond its busier kind's, at the fitted add and multiply
        // throughputs and the issue width just set (FloatPortSharingFit).
        Probe floatPorts = probes.Single(p => p.FloatPorts);
        double floatAddNs = costs.TryGetValue(OperationClass.FloatAdd, out OperationCost floatAdd) ? floatAdd.Throughput : 0;
        double floatMultiplyNs = costs.TryGetValue(OperationClass.FloatMultiply, out OperationCost floatMultiply) ? floatMultiply.Throughput : 0;
        double floatIssueNs = FloatPortKernel.IssueSlotsPerIteration * profile.IssueSlotNs;
        double? floatPortSharing = FloatPortSharingFit.Fit(PerUnit(floatPorts), floatAddNs, floatMultiplyNs, floatIssueNs);
        if (floatPortSharing is { } sharing)
        {
            profile = profile.WithFloatPortSharing(sharing);
        }

        fittedTimes[floatPorts.Name] = FloatPortSharingFit.FittedNanoseconds(profile.FloatPortSharing, floatAddNs, floatMultiplyNs, floatIssueNs);

        // Nor a library copy call: the append kernel's time beyond what its other counts price at on this profile
        // (LibraryCopyCallFit), so it is priced last, on everything else.
        List<Probe> appendCopies = probes.Where(p => p.CopyCalls).ToList();
        Probe appends = appendCopies[0];
        double appendNs = Across(OperationClass.LibraryCopyCall) ? across!.AppendNs : PerUnit(appends);
        if (LibraryCopyCallFit.Cost(appendNs, profile) is { } copyCallNs)
        {
            profile = profile.With(OperationClass.LibraryCopyCall, new OperationCost(copyCallNs, copyCallNs));
            sources[OperationClass.LibraryCopyCall] = CalibrationKernels.LatencyDerivedFromThroughput[OperationClass.LibraryCopyCall]
                + (appendCopies.Count > 1 ? $", the mean over {appendCopies.Count} copies of its code" : "")
                + (!Across(OperationClass.LibraryCopyCall) ? "" : $" and over {across!.Processes} processes ({across.AppendNs:0.00} ns an iteration; this one alone {PerUnit(appends):0.00})");
        }
        else
        {
            sources[OperationClass.LibraryCopyCall] = "not measured (the append kernel's timing was not positive): this profile's Call cost";
        }

        foreach (Probe copy in appendCopies)
        {
            fittedTimes[copy.Name] = LibraryCopyCallFit.Price(profile);
        }

        if (across is not null)
        {
            profile = profile.WithTimedAcrossProcesses(across.Processes, ProcessAverage.Classes);
        }

        return new CalibrationResult(profile, Timings(), sources, throughput.LoopOverheadNs, log.IssueRates.Count, _clock.Elapsed)
        {
            MemoryLevels = memoryLevels,
            MemoryLatency = memoryLatency,
            IssueRates = log.IssueRates,
            QuietIssueRate = log.QuietIssueRate,
            HighestIssueRate = log.HighestIssueRate,
            WaitingPasses = log.WaitingPasses,
            CeilingReached = log.CeilingReached,
            MeasuredIssueWidth = issueWidth,
            MeasuredFloatPortSharing = floatPortSharing,
            LearntTripCount = learntTrips,
            Passes = RawPasses(probes, perPass),
        };

        double Spread(Probe p) => PassSpread(perPass[p]);

        // One miss class from its pair of probes (one of each run per copy of its code): the learnt one's figure, the
        // other's less it, per miss.
        void MissFromPair(OperationClass missClass, List<Probe> learnt, List<Probe> varied, Func<double, (double Ns, bool Measured)> missNsOf, double missesPerIteration)
        {
            var pairs = learnt.Zip(varied, (l, v) => ((IReadOnlyList<BranchMissPair.Timing>)PairTimings(l).ToList(), (IReadOnlyList<BranchMissPair.Timing>)PairTimings(v).ToList())).ToList();
            double own = PlacementFigure.PairDifference(pairs) ?? (PerUnit(varied[0]) - PerUnit(learnt[0]));
            bool acrossProcesses = Across(missClass);
            double difference = acrossProcesses ? across!.LoopExitDifferenceNs : own;
            (double missNs, bool measured) = missNsOf(difference);
            costs[missClass] = new OperationCost(missNs, missNs);
            sources[missClass] = CalibrationKernels.LatencyDerivedFromThroughput[missClass]
                + (learnt.Count > 1 ? $", the mean over {learnt.Count} copies of its code" : "")
                + (acrossProcesses ? $" and over {across!.Processes} processes ({difference:0.00} ns a search; this one alone {own:0.00})" : "")
                + (measured ? "" : $"; the pair measured no miss ({difference:0.00} ns a search), so priced at BranchMiss");
            foreach (Probe p in learnt)
            {
                fittedTimes[p.Name] = PerUnit(learnt[0]);
            }

            foreach (Probe p in varied)
            {
                fittedTimes[p.Name] = PerUnit(learnt[0]) + (missesPerIteration * missNs);
            }
        }

        IEnumerable<BranchMissPair.Timing> PairTimings(Probe p) =>
            perPass[p].Select(t => new BranchMissPair.Timing(t.Result.Samples.Select(s => s / p.Units).ToArray()));
    }

    /// <summary>
    /// The profile priced at the <paramref name="measured"/> issue width when <paramref name="record"/> says so
    /// (<see cref="CalibrationOptions.RecordIssueWidth"/>) and the kernels gave one; otherwise unchanged, at
    /// <see cref="HardwareProfile.DefaultIssueWidth"/>.
    /// </summary>
    internal static HardwareProfile WithIssueWidth(HardwareProfile profile, double? measured, bool record) =>
        record && measured is { } width ? profile.WithIssueWidth(width) : profile;

    private static List<KernelPass> RawPasses(List<Probe> probes, Dictionary<Probe, List<Timing>> perPass) =>
        probes.SelectMany(p => perPass[p].Select(t => (Probe: p, Timing: t)))
            .OrderBy(x => x.Timing.Pass)
            .Select(x => new KernelPass(
                x.Probe.Name,
                x.Probe.Kind,
                x.Timing.Pass,
                x.Probe.Units,
                x.Timing.Result.CallsPerBatch,
                x.Timing.Result.Median.Nanoseconds / x.Probe.Units,
                x.Timing.Result.Samples.Select(s => s / x.Probe.Units).ToArray(),
                x.Timing.Result.Gen0Collections))
            .ToList();

    private static int CountKernels(List<KernelObservation> observations, OperationClass c, KernelBound bound) =>
        observations.Count(o => o.Bound == bound && o.CountsPerIteration.ContainsKey(c));

    /// <summary>
    /// Runs all kernels round-robin for the warm-up time so every one is compiled, call-counted and
    /// promoted to tier 1 before any is measured.
    /// </summary>
    private void WarmUp(List<Probe> probes)
    {
        TimeSpan end = _clock.Elapsed + _options.WarmupTime;
        int rounds = 0;
        do
        {
            _cancellationToken.ThrowIfCancellationRequested();
            foreach (Probe probe in probes)
            {
                probe.Measure();
            }

            rounds++;
            if (rounds % 16 == 0)
            {
                Report("warm-up", null, (int)Math.Min(100, 100 * _clock.Elapsed.Ticks / Math.Max(1, end.Ticks)), 100);
            }
        }
        while (_clock.Elapsed < end);
    }

    private List<Probe> CreateProbes()
    {
        var probes = new List<Probe>();
        foreach (CalibrationKernel kernel in CalibrationKernels.All)
        {
            KernelState state = _state;
            Func<KernelState, int, long> run = kernel.Run;
            probes.Add(new Probe(kernel.Name, kernel.Bound == KernelBound.Latency ? "latency" : "throughput", () => run(state, Iterations), Iterations, kernel, null));
        }

        IReadOnlyList<MemoryChase> chases = MemoryChase.Create(_options.MemoryWorkingSets, seed: 12345);
        if (chases.Count > 0)
        {
            // The walk-free memory latency is measured with the curve, emptying the caches through the curve's buffer.
            _memoryLatency = new MemoryLatencyKernel(chases[chases.Count - 1].Buffer, seed: 54321);
        }

        foreach (MemoryChase chase in chases)
        {
            probes.Add(new Probe("chase " + MemoryLoadLatency.Describe(chase.WorkingSetBytes), "memory", () => chase.Run(Iterations), Iterations * MemoryChase.LinksPerIteration, null, null)
            {
                WorkingSet = chase.WorkingSetBytes,
            });
        }

        BranchMissKernels branches = _branches;
        probes.Add(new Probe("branch, equal bits", "branch", () => branches.Predicted(Iterations), Iterations, null, null) { Outcomes = BranchOutcomes.Equal });
        probes.Add(new Probe("branch, random bits", "branch", () => branches.Mispredicted(Iterations), Iterations, null, null) { Outcomes = BranchOutcomes.Random });

        // The loop-exit pair and the append kernel run at a speed set by where the JIT places their code: each is timed in
        // several copies of it, one probe a copy (PlacementCopies), copy k of the pair's runs sharing its search.
        for (int k = 0; k < PlacementCopies.Count; k++)
        {
            Func<int, long> predicted = _exits.PredictedCopies[k];
            Func<int, long> mispredicted = _exits.MispredictedCopies[k];
            probes.Add(new Probe($"search exit, fixed at {LoopExitKernels.FixedPosition}{CopyName(k)}", "branch", () => predicted(ExitSearches), ExitSearches, null, null)
            {
                Exits = BranchOutcomes.Equal,
                Placement = new Placement("search exit, fixed", k),
            });
            probes.Add(new Probe($"search exit, random of {LoopExitKernels.ExitPositions}{CopyName(k)}", "branch", () => mispredicted(ExitSearches), ExitSearches, null, null)
            {
                Exits = BranchOutcomes.Random,
                Placement = new Placement("search exit, random", k),
            });
        }

        IssueWidthKernels issue = _issue;
        foreach (int groups in IssueWidthKernels.Sizes)
        {
            int size = groups;
            probes.Add(new Probe($"issue mix x{size}", "issue", () => issue.Run(size, Iterations), Iterations, null, null)
            {
                IssueSlots = IssueWidthKernels.SlotsPerIteration(size),
            });
        }

        LoadPortKernel loads = _loads;
        probes.Add(new Probe($"load ports x{LoadPortKernel.LoadsPerIteration}", "loads", () => loads.Loads12(Iterations), Iterations, null, null)
        {
            LoadsPerIteration = LoadPortKernel.LoadsPerIteration,
        });

        KernelState floatState = _state;
        probes.Add(new Probe(
            $"float ports: {FloatPortKernel.AddsPerIteration} sub, {FloatPortKernel.MultipliesPerIteration} mul",
            "float ports",
            () => (long)FloatPortKernel.Run(floatState, Iterations),
            Iterations,
            null,
            null)
        {
            FloatPorts = true,
        });

        for (int k = 0; k < PlacementCopies.Count; k++)
        {
            Func<int, long> append = _appends.Copies[k];
            probes.Add(new Probe($"append {LibraryCopyCallKernel.WordCharacters} chars x{LibraryCopyCallKernel.AppendsPerIteration}{CopyName(k)}", "library", () => append(Iterations), Iterations, null, null)
            {
                CopyCalls = true,
                Placement = new Placement("append", k),
            });
        }

        BulkKernels bulk = _bulk;
        foreach (int size in BulkKernels.Sizes)
        {
            int bytes = size;
            int placed = bytes * BulkKernels.Placements;
            probes.Add(new Probe($"copy {bytes} B x{BulkKernels.Placements}", "bulk", () => bulk.Copy(bytes), placed, null, OperationClass.CopiedByte));
            probes.Add(new Probe($"compare {bytes} B x{BulkKernels.Placements}", "bulk", () => bulk.Compare(bytes) ? 1 : 0, placed, null, OperationClass.ComparedByte));
            probes.Add(new Probe($"hash {bytes} B", "bulk", () => bulk.Hash(bytes), bytes, null, OperationClass.HashedByte));
        }

        return probes;

        static string CopyName(int copy) => $" (copy {copy + 1} of {PlacementCopies.Count})";
    }

    /// <summary>
    /// A Debug build of Pix.Runtime runs its kernels as debuggable, unoptimised code for ever (the JIT
    /// never tiers it up), which would make every cost several times too high. Refuse rather than
    /// produce a wrong profile.
    /// </summary>
    private static void ThrowIfKernelsUnoptimized()
    {
        if (!KernelsAreOptimized)
        {
            throw new InvalidOperationException(
                "This Pix.Runtime assembly was built without optimisation (Debug), so its calibration kernels would run as unoptimised code and every cost would be wrong. Use a Release build (dotnet run -c Release, or the published tool).");
        }
    }

    /// <summary>False when this assembly was built in Debug (see <see cref="ThrowIfKernelsUnoptimized"/>).</summary>
    internal static bool KernelsAreOptimized =>
        (Attribute.GetCustomAttribute(typeof(LatencyKernels).Assembly, typeof(DebuggableAttribute)) as DebuggableAttribute)?.IsJITOptimizerDisabled != true;

    private void Report(string stage, string? kernel, int completed, int total) =>
        _progress?.Report(new CalibrationProgress(stage, kernel, completed, total, _clock.Elapsed));

    /// <summary>
    /// Something to time: <see cref="Measure"/> performs <see cref="Units"/> iterations (or bytes,
    /// for a bulk probe), so a measured call divided by Units is the cost per iteration or byte.
    /// </summary>
    private sealed record Probe(string Name, string Kind, Func<long> Measure, int Units, CalibrationKernel? Kernel, OperationClass? Bulk)
    {
        /// <summary>For a memory-level chase, the bytes it walks (its Units are links followed); otherwise null.</summary>
        public long? WorkingSet { get; init; }

        /// <summary>For one of the branch-miss pair, which outcomes its branch follows; otherwise null.</summary>
        public BranchOutcomes? Outcomes { get; init; }

        /// <summary>For one of the loop-exit pair (<see cref="LoopExitKernels"/>), whether its exit is fixed or random; otherwise null.</summary>
        public BranchOutcomes? Exits { get; init; }

        /// <summary>For an issue-width kernel, the issue slots of one iteration (<see cref="IssueWidthKernels"/>); otherwise null.</summary>
        public int? IssueSlots { get; init; }

        /// <summary>For the load-port kernel, the loads of one iteration (<see cref="LoadPortKernel"/>); otherwise null.</summary>
        public int? LoadsPerIteration { get; init; }

        /// <summary>True for the float-port kernel (<see cref="FloatPortKernel"/>), whose time gives <see cref="HardwareProfile.FloatPortSharing"/>.</summary>
        public bool FloatPorts { get; init; }

        /// <summary>True for the append kernel (<see cref="LibraryCopyCallKernel"/>), whose time prices <see cref="OperationClass.LibraryCopyCall"/>.</summary>
        public bool CopyCalls { get; init; }

        /// <summary>For a copy of a placement-sensitive kernel (<see cref="PlacementCopies"/>), which kernel and which copy; otherwise null.</summary>
        public Placement? Placement { get; init; }
    }

    /// <summary>One copy (from 0) of a kernel timed over placements: the probes of one <paramref name="Kernel"/> are its copies.</summary>
    private sealed record Placement(string Kernel, int Copy);

    /// <summary>One timing of a probe, in the pass it was made in.</summary>
    private sealed record Timing(int Pass, MeasurementResult Result);

    /// <summary>The two runs of <see cref="BranchMissKernels"/> (and of <see cref="LoopExitKernels"/>: a fixed or a random exit).</summary>
    private enum BranchOutcomes
    {
        Equal,
        Random,
    }
}
