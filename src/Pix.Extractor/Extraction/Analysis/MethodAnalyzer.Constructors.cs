using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Costs;
using Pix.Model;

namespace Pix.Extraction.Analysis;

/// <summary>What a constructor runs besides the code written in it (<see cref="ConstructorBody"/>): its type's instance
/// initializers, and for one the compiler declares, the base constructor it chains to.</summary>
internal sealed partial class MethodAnalyzer
{
    /// <summary>
    /// The instance initializers this constructor runs before <paramref name="body"/> (null: it has none), in order: each
    /// value, then one store per member it initializes. What one cannot price is a gap at the initializer, as in a body.
    /// </summary>
    private void RunInitializers(IOperation? body)
    {
        foreach (IOperation initializer in ConstructorBody.InitializersRun(_method, body, _session.Compilation, _session.SemanticModel, _session.CancellationToken))
        {
            if (!Enter(initializer))
            {
                continue;
            }

            try
            {
                Initialize(initializer);
            }
            finally
            {
                Leave();
            }
        }
    }

    private void Initialize(IOperation initializer)
    {
        switch (initializer)
        {
            case IFieldInitializerOperation field:
                DependencyFlow value = Evaluate(field.Value);
                foreach (IFieldSymbol member in field.InitializedFields)
                {
                    DependencyFlow stored = Then(value, OperationVector.Of((OperationClass.Store, 1)));
                    _region.Write(member, stored);
                    _region.Observe(stored);
                }

                break;
            case IPropertyInitializerOperation property:
                // Only auto-properties take initializers: the value is stored to the backing field.
                value = Evaluate(property.Value);
                _region.Observe(Then(value, OperationVector.Of((OperationClass.Store, property.InitializedProperties.Length))));
                break;
        }
    }

    /// <summary>
    /// A constructor without a body (compiler-declared, or a primary constructor), after its type's initializers: the base
    /// call <see cref="ConstructorBody.BaseCallOfBodyless"/> finds, as the call graph follows it. The base list's arguments
    /// (<c>: A(x)</c>) are evaluated and the constructor called as a declared one's <c>base(x)</c> is; otherwise the base
    /// class's parameterless constructor (a source one, compiler-declared or not, is followed; a library one is priced by
    /// its model or as an opaque call); a struct's primary constructor calls none.
    /// </summary>
    private void CallBaseOfBodyless()
    {
        BaseCallWithoutBody baseCall = ConstructorBody.BaseCallOfBodyless(_method, _session.Compilation, _session.SemanticModel, _session.CancellationToken);
        if (baseCall.Written is { } written)
        {
            _region.Observe(Evaluate(written));
        }
        else if (baseCall.Implicit is { } chained && ConstructorBody.PlaceOfImplicitBaseCall(_method, _session.CancellationToken) is { } place)
        {
            _region.Observe(Call(chained, instance: null, ImmutableArray<IArgumentOperation>.Empty, place, isVirtual: false));
        }
    }
}
