using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Model;

namespace Pix.Extraction.Analysis;

/// <summary>
/// State shared by every method analysed during one <see cref="InterfaceExtractor.Extract"/> call:
/// options, the operation budget, gaps, the call stack (recursion and depth) and the summaries
/// memoised per method.
/// </summary>
internal sealed class ExtractionSession
{
    private readonly Dictionary<IMethodSymbol, MethodSummary> _summaries = new(SymbolEqualityComparer.Default);
    private readonly List<IMethodSymbol> _callStack = new();
    private readonly List<Gap> _gaps = new();
    private readonly HashSet<string> _gapKeys = new(StringComparer.Ordinal);
    // Semantic models cache their bound method bodies; sharing them across the Extract calls on one
    // compilation (a generator run extracts many methods) avoids binding every callee again.
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<SyntaxTree, SemanticModel>> SharedModels = new();
    private readonly HashSet<SyntaxTree> _treesBound = new();
    private int _operationsVisited;
    private int _nextLoopVariable;

    public ExtractionSession(Compilation compilation, ExtractionOptions options, CancellationToken cancellationToken)
    {
        Compilation = compilation;
        Options = options;
        CancellationToken = cancellationToken;
    }

    public Compilation Compilation { get; }

    public ExtractionOptions Options { get; }

    public CancellationToken CancellationToken { get; }

    public IReadOnlyList<Gap> Gaps => _gaps;

    public bool BudgetExhausted { get; private set; }

    /// <summary>
    /// Whether the analysis met code that does not bind (an <see cref="IInvalidOperation"/>). Such a
    /// model is not reused across compilations: half-typed code is about to change, and a generator's
    /// compilation lacks the generated code (a call to a <c>LatencyOf_X</c>) that the analyzers' has.
    /// </summary>
    public bool MetInvalidCode { get; private set; }

    /// <summary>Methods found to call themselves (directly or through others) while being analysed.</summary>
    public HashSet<IMethodSymbol> Recursive { get; } = new(SymbolEqualityComparer.Default);

    public int CallDepth => _callStack.Count;

    public int NewLoopVariableId() => ++_nextLoopVariable;

    /// <summary>Counts one visited operation; false once the budget is spent (the gap is reported once).</summary>
    public bool Visit(IOperation operation)
    {
        CancellationToken.ThrowIfCancellationRequested();
        MetInvalidCode |= operation.Kind == OperationKind.Invalid;
        if (BudgetExhausted)
        {
            return false;
        }

        if (++_operationsVisited > Options.MaxOperations)
        {
            BudgetExhausted = true;
            AddGap(new Gap(
                GapKind.BudgetExceeded,
                "analysis budget",
                $"The method and its callees have more than {Options.MaxOperations} operations; the rest was not analysed. " +
                "Split the method, or raise ExtractionOptions.MaxOperations.",
                SourceLocations.Of(operation, "analysis budget")));
            return false;
        }

        return true;
    }

    public void AddGap(Gap gap)
    {
        // One gap per kind, construct and place, however often the analysis passes there.
        string key = $"{gap.Kind}|{gap.Construct}|{gap.Where.FilePath}|{gap.Where.Start}|{gap.Where.Length}";
        if (_gapKeys.Add(key))
        {
            _gaps.Add(gap);
        }
    }

    /// <summary>
    /// Every syntax tree whose code this extraction bound (the method's own and its callees'): with the
    /// files the model points into, what a cached model depends on besides declarations.
    /// </summary>
    public IReadOnlyCollection<SyntaxTree> TreesBound => _treesBound;

    /// <summary>The semantic model of <paramref name="tree"/>; the one way the analysis reads code, so that it is recorded.</summary>
    public SemanticModel SemanticModel(SyntaxTree tree)
    {
        _treesBound.Add(tree);
        return SharedModels.GetValue(Compilation, _ => new ConcurrentDictionary<SyntaxTree, SemanticModel>())
            .GetOrAdd(tree, t => Compilation.GetSemanticModel(t));
    }

    public bool IsOnStack(IMethodSymbol method) => _callStack.Contains(method.OriginalDefinition, SymbolEqualityComparer.Default);

    public MethodSummary? Memoised(IMethodSymbol method) =>
        _summaries.TryGetValue(method.OriginalDefinition, out MethodSummary? s) ? s : null;

    /// <summary>Analyses <paramref name="method"/> once per session (the summary is memoised).</summary>
    public MethodSummary Summarise(IMethodSymbol method)
    {
        IMethodSymbol key = method.OriginalDefinition;
        if (_summaries.TryGetValue(key, out MethodSummary? summary))
        {
            return summary;
        }

        _callStack.Add(key);
        try
        {
            summary = new MethodAnalyzer(this, key).Analyze();
        }
        finally
        {
            _callStack.RemoveAt(_callStack.Count - 1);
        }

        _summaries[key] = summary;
        return summary;
    }
}
