using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Pix.Extraction.Costs;

namespace Pix.Extraction.Analysis;

/// <summary>
/// The longest dependency path from each parameter, and from the receiver's fields, to the value a
/// method returns: what an inlined call adds to each argument's flow. <c>Next(int i) =&gt; _entries[i].Next</c>
/// adds the entry's address and one load to <c>i</c>'s path, and the receiver's path is the load of
/// <c>_entries</c> then the same: a walk <c>i = table.Next(i)</c> waits for the first, not the second.
/// </summary>
internal sealed class ReturnPaths
{
    private readonly IMethodSymbol _method;
    private readonly Dictionary<int, OperationVector> _fromParameter = new();

    public ReturnPaths(IMethodSymbol method) => _method = method;

    /// <summary>The path from the receiver's fields, or null when the result reads none of them.</summary>
    public OperationVector? FromReceiver { get; private set; }

    /// <summary>The path from the parameter at <paramref name="ordinal"/>, or null when the result does not depend on it.</summary>
    public OperationVector? FromParameter(int ordinal) =>
        _fromParameter.TryGetValue(ordinal, out OperationVector? path) ? path : null;

    /// <summary>Records a value the method returns.</summary>
    public void Observe(DependencyFlow returned)
    {
        foreach (KeyValuePair<ISymbol, OperationVector> path in returned.FromOrigin)
        {
            switch (path.Key)
            {
                case IParameterSymbol parameter when SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _method):
                    _fromParameter[parameter.Ordinal] = _fromParameter.TryGetValue(parameter.Ordinal, out OperationVector? known)
                        ? OperationVector.Longer(known, path.Value)
                        : path.Value;
                    break;
                case IFieldSymbol { IsStatic: false } field when SymbolEqualityComparer.Default.Equals(field.ContainingType, _method.ContainingType):
                    FromReceiver = FromReceiver is null ? path.Value : OperationVector.Longer(FromReceiver, path.Value);
                    break;
            }
        }
    }
}
