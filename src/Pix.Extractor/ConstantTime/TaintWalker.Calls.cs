using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.ConstantTime;

// Calls: a library model, a source callee summarised by its own walk, or an opaque call, and the secrets
// flowing through its arguments.
internal sealed partial class TaintWalker
{
    private Taint? VisitInvocation(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (method.ContainingType?.Name == "PixHint" && method.ContainingNamespace?.Name == "Pix")
        {
            return null;
        }

        Taint? receiver = Visit(invocation.Instance);
        var arguments = new (IArgumentOperation Argument, Taint? Taint)[invocation.Arguments.Length];
        Taint? inputs = receiver;
        for (int i = 0; i < arguments.Length; i++)
        {
            IArgumentOperation argument = invocation.Arguments[i];
            Taint? taint = argument.Parameter?.RefKind == RefKind.Out ? null : Visit(argument.Value);
            arguments[i] = (argument, taint);
            inputs = Either(inputs, taint);
        }

        if (inputs is null && CurrentControl() is null)
        {
            return null;
        }

        if (_engine.HasSource(method))
        {
            return FlowThroughSource(invocation, method, receiver, arguments, inputs);
        }

        if (inputs is not null && LibraryModel.TimingOf(method) is { } timing)
        {
            string name = $"{method.ContainingType?.Name}.{method.Name}";
            string construct = timing.Kind == ViolationKind.Branch ? $"call to '{name}'" : $"call to '{name}' in '{Text(invocation)}'";
            if (timing.Kind == ViolationKind.Branch)
            {
                ReportBranch(invocation, construct, inputs, arms: System.Array.Empty<IOperation>());
            }
            else
            {
                Report(timing.Kind, invocation, construct, inputs, timing.Reason);
            }
        }

        // A library method passes its inputs' taint to its result and to every buffer it can write.
        Taint? flowing = Either(inputs, CurrentControl());
        foreach (var (argument, _) in arguments)
        {
            if (argument.Parameter is { } p && IsWritable(p))
            {
                Assign(argument.Value, flowing, invocation);
            }
        }

        if (invocation.Instance is { } instance && IsWritable(instance.Type))
        {
            Assign(instance, flowing, invocation);
        }

        return method.ReturnsVoid || LibraryModel.ReturnsShape(method) ? null : inputs;
    }

    private Taint? FlowThroughSource(
        IInvocationOperation invocation,
        IMethodSymbol method,
        Taint? receiver,
        (IArgumentOperation Argument, Taint? Taint)[] arguments,
        Taint? inputs)
    {
        var secretOrdinals = new HashSet<int>();
        foreach (var (argument, taint) in arguments)
        {
            if (taint is not null && argument.Parameter is { } p)
            {
                secretOrdinals.Add(p.Ordinal);
            }
        }

        CalleeSummary summary = _engine.Summarize(method, secretOrdinals, receiver is not null, _depth + 1, _callChain, _cancellationToken);
        if (inputs is not null && !_engine.IsCheckedOnItsOwn(method))
        {
            foreach (ConstantTimeFinding inner in summary.Findings)
            {
                Location line = inner.Location;
                string construct = $"call to '{method.Name}' ({inner.Construct} at line {line.GetLineSpan().StartLinePosition.Line + 1})";
                Report(inner.Kind, invocation, construct, inputs, inner.Detail, via: inner.Via.Insert(0, inner.Location));
            }
        }

        Taint? flowing = Either(inputs, CurrentControl());
        foreach (var (argument, _) in arguments)
        {
            if (argument.Parameter is { } p && summary.SecretOutputs.Contains(p.Ordinal))
            {
                Assign(argument.Value, flowing ?? Taint.FromSecret(p.Name, invocation.Syntax.GetLocation()), invocation);
            }
        }

        return summary.ReturnsSecret ? inputs : null;
    }

    private static bool IsWritable(IParameterSymbol parameter) =>
        parameter.RefKind is RefKind.Ref or RefKind.Out || IsWritable(parameter.Type);

    private static bool IsWritable(ITypeSymbol? type) =>
        type is IArrayTypeSymbol ||
        type is INamedTypeSymbol named && LibraryModel.MetadataName(named) is "System.Span`1" or "System.Array";
}
