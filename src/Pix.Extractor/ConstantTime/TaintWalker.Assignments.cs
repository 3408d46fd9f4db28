using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.ConstantTime;

// Where secrets go: declarations, assignments (with the implicit flow of the enclosing secret conditions),
// stores into elements, and the one flow-sensitive case (public overwrites in top-level straight-line code).
internal sealed partial class TaintWalker
{
    private Taint? VisitDeconstruction(IDeconstructionAssignmentOperation deconstruction)
    {
        IOperation target = deconstruction.Target is IDeclarationExpressionOperation declaration ? declaration.Expression : deconstruction.Target;
        if (target is ITupleOperation targets && deconstruction.Value is ITupleOperation values && targets.Elements.Length == values.Elements.Length)
        {
            // Element-wise: (a, b) = (b, a) keeps each value's own taint.
            var taints = values.Elements.Select(Visit).ToArray();
            for (int i = 0; i < taints.Length; i++)
            {
                Assign(targets.Elements[i], taints[i], deconstruction);
            }

            return taints.Aggregate((Taint?)null, Either);
        }

        Taint? value = Visit(deconstruction.Value);
        return Assign(target, value, deconstruction);
    }

    private Taint? VisitDeclarator(IVariableDeclaratorOperation declarator)
    {
        IVariableInitializerOperation? initializer = declarator.GetVariableInitializer();
        Taint? value = Visit(initializer?.Value);
        foreach (IOperation argument in declarator.IgnoredArguments)
        {
            Visit(argument);
        }

        Mark(declarator.Symbol, Either(value, ControlOver(declarator.Symbol)), declarator.Syntax);
        return value;
    }

    private Taint? VisitArrayCreation(IArrayCreationOperation creation)
    {
        Taint? size = null;
        foreach (IOperation dimension in creation.DimensionSizes)
        {
            size = Either(size, Visit(dimension));
        }

        if (size is not null)
        {
            Report(ViolationKind.Loop, creation, $"allocation '{Text(creation)}'", size, "zeroing the array takes time proportional to its secret length");
        }

        return Either(size, Visit(creation.Initializer));
    }

    /// <summary>Records that <paramref name="target"/> receives <paramref name="value"/> (plus any secret control).</summary>
    private Taint? Assign(IOperation target, Taint? value, IOperation site)
    {
        Taint? taint = Either(value, target is ILocalReferenceOperation { Local: var written } ? ControlOver(written) : CurrentControl());
        switch (target)
        {
            case ILocalReferenceOperation local:
                TrackOverwrite(local.Local, taint, site);
                Mark(local.Local, taint, site.Syntax);
                break;
            case IParameterReferenceOperation parameter:
                Mark(parameter.Parameter, taint, site.Syntax);
                break;
            case IFieldReferenceOperation field:
                Mark(field.Field, taint, site.Syntax);
                break;
            case IPropertyReferenceOperation { Arguments.IsEmpty: true } property:
                Mark(property.Property, taint, site.Syntax);
                break;
            case IArrayElementReferenceOperation element:
                AssignContainer(element.ArrayReference, taint, site);
                break;
            case IPropertyReferenceOperation property:
                if (property.Instance is not null)
                {
                    AssignContainer(property.Instance, taint, site);
                }

                break;
            case IImplicitIndexerReferenceOperation implicitIndexer:
                AssignContainer(implicitIndexer.Instance, taint, site);
                break;
            case IDeclarationExpressionOperation declaration:
                Assign(declaration.Expression, value, site);
                break;
            case ITupleOperation tuple:
                foreach (IOperation element in tuple.Elements)
                {
                    Assign(element, value, site);
                }

                break;
            case IVariableDeclaratorOperation declarator:
                Mark(declarator.Symbol, taint, site.Syntax);
                break;
            case IConversionOperation conversion:
                Assign(conversion.Operand, value, site);
                break;
        }

        return taint;
    }

    /// <summary>
    /// Flow sensitivity where it is cheap: a public value assigned to a local in straight-line code at
    /// the top of the method (no enclosing branch, loop, try or lambda; no goto in the method)
    /// overwrites its secret, so the statements after it read a public value until the local is
    /// assigned a secret again. Anywhere else the analysis stays flow-insensitive.
    /// </summary>
    private void TrackOverwrite(ILocalSymbol local, Taint? taint, IOperation site)
    {
        if (taint is not null)
        {
            _overwritten.Remove(local);
        }
        else if (_straightLineKills && local.RefKind == RefKind.None && IsTopLevelStatement(site))
        {
            _overwritten.Add(local);
        }
    }

    private static bool IsTopLevelStatement(IOperation site)
    {
        for (IOperation? node = site.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case IExpressionStatementOperation or IBlockOperation:
                    continue;
                case IMethodBodyOperation:
                    return true;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>A store into an element makes the whole array (or span) secret.</summary>
    private void AssignContainer(IOperation container, Taint? taint, IOperation site)
    {
        switch (container)
        {
            case ILocalReferenceOperation local:
                Mark(local.Local, taint, site.Syntax);
                break;
            case IParameterReferenceOperation parameter:
                Mark(parameter.Parameter, taint, site.Syntax);
                break;
            case IFieldReferenceOperation field:
                Mark(field.Field, taint, site.Syntax);
                break;
            case IInvocationOperation { Instance: { } receiver }:
                // span.Slice(…)[i] = x: the store lands in the span the slice came from.
                AssignContainer(receiver, taint, site);
                break;
            case IConversionOperation conversion:
                AssignContainer(conversion.Operand, taint, site);
                break;
        }
    }

    private void Mark(ISymbol symbol, Taint? taint, SyntaxNode site)
    {
        if (taint is null || _secrets.ContainsKey(symbol))
        {
            return;
        }

        _secrets[symbol] = taint.Then(symbol.Name, site.GetLocation());
        _changed = true;
    }
}
