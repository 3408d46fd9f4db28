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
    /// A compiler-declared constructor: its type's initializers, then the base class's parameterless constructor (a source
    /// constructor, compiler-declared or not, is followed; a library one is priced by its model or as an opaque call).
    /// </summary>
    private void ImplicitConstructor()
    {
        RunInitializers(body: null);
        ImplicitBaseCall();
    }

    /// <summary>
    /// A primary constructor's base call, after its initializers: the base list's arguments (<c>: A(x)</c>) evaluated and
    /// the constructor called as a declared one's <c>base(x)</c> is; without arguments (<c>: A</c>, or no base class), the
    /// base class's parameterless constructor, as a compiler-declared constructor calls it.
    /// </summary>
    private void PrimaryConstructorBase()
    {
        if (ConstructorBody.PrimaryBaseCall(_method, _session.Compilation, _session.SemanticModel, _session.CancellationToken) is { } call)
        {
            _region.Observe(Evaluate(call));
        }
        else if (_method.ContainingType.TypeKind == TypeKind.Class)
        {
            // A struct's primary constructor calls no base constructor.
            ImplicitBaseCall();
        }
    }

    /// <summary>The call of the base class's parameterless constructor that a constructor without an initializer makes.</summary>
    private void ImplicitBaseCall()
    {
        if (ConstructorBody.ImplicitBase(_method, _session.Compilation) is { } chained
            && ConstructorBody.PlaceOfImplicitBaseCall(_method, _session.CancellationToken) is { } place)
        {
            _region.Observe(Call(chained, instance: null, ImmutableArray<IArgumentOperation>.Empty, place, isVirtual: false));
        }
    }
}
