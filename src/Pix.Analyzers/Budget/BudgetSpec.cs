using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Pix.Analyzers.Budget;

/// <summary>One <c>[InputBound]</c>: the input's name, its maximum, and where it was written.</summary>
internal sealed record InputBound(string Input, double Maximum, Location Location);

/// <summary>
/// What a method's attributes say about its latency budget: <c>Budget</c> (parsed),
/// <c>BudgetProfile</c>, and its <c>[InputBound]</c>s, each with the location of its argument so
/// that a problem is reported where it was written.
/// </summary>
internal sealed record BudgetSpec(
    double BudgetNs,
    string? ProfileName,
    Location ProfileLocation,
    ImmutableArray<InputBound> Bounds,
    ImmutableArray<(Location Location, string Problem)> Problems)
{
    public const string InputBoundMetadataName = "Pix.InputBoundAttribute";

    /// <summary>
    /// The spec of <paramref name="method"/>, or null when its <paramref name="attribute"/> declares
    /// no budget. A malformed budget gives a spec with <see cref="Problems"/> and no checkable budget.
    /// </summary>
    public static BudgetSpec? Read(IMethodSymbol method, AttributeData attribute, INamedTypeSymbol? inputBoundType, CancellationToken cancellationToken)
    {
        TypedConstant budget = Named(attribute, "Budget");
        if (budget.IsNull || budget.Value is not string budgetText)
        {
            return Named(attribute, "BudgetProfile").Value is string orphan
                ? Orphan(ArgumentLocation(attribute, "BudgetProfile", 0, cancellationToken), orphan)
                : null;
        }

        var problems = ImmutableArray.CreateBuilder<(Location, string)>();
        if (!BudgetText.TryParse(budgetText, out double budgetNs, out string problem))
        {
            problems.Add((ArgumentLocation(attribute, "Budget", 0, cancellationToken), problem));
        }

        string? profile = Named(attribute, "BudgetProfile").Value as string;
        Location profileLocation = ArgumentLocation(attribute, "BudgetProfile", 0, cancellationToken);
        if (profile is not null && string.IsNullOrWhiteSpace(profile))
        {
            problems.Add((profileLocation, "BudgetProfile is empty: name a *.pixhw.json file of the project (\"prod\" for prod.pixhw.json), or remove it to use the reference profile"));
            profile = null;
        }

        var bounds = ImmutableArray.CreateBuilder<InputBound>();
        foreach (AttributeData bound in method.GetAttributes().Where(a => inputBoundType is not null && SymbolEqualityComparer.Default.Equals(a.AttributeClass, inputBoundType)))
        {
            if (bound.ConstructorArguments.Length != 2
                || bound.ConstructorArguments[0].Value is not string input
                || bound.ConstructorArguments[1].Value is not { } maximumValue)
            {
                continue; // Does not compile; the compiler reports it.
            }

            double maximum = System.Convert.ToDouble(maximumValue, CultureInfo.InvariantCulture);
            Location location = ArgumentLocation(bound, null, 0, cancellationToken);
            if (maximum < 0)
            {
                problems.Add((ArgumentLocation(bound, null, 1, cancellationToken), $"[InputBound(\"{input}\", {maximum.ToString(CultureInfo.InvariantCulture)})]: the maximum must not be negative"));
            }
            else if (bounds.Any(b => b.Input == input))
            {
                problems.Add((location, $"[InputBound(\"{input}\", …)] is given twice: keep one"));
            }
            else
            {
                bounds.Add(new InputBound(input.Trim(), maximum, location));
            }
        }

        return new BudgetSpec(budgetNs, profile, profileLocation, bounds.ToImmutable(), problems.ToImmutable());
    }

    /// <summary>A profile named without a budget: nothing would be checked on it, which the user did not mean.</summary>
    private static BudgetSpec Orphan(Location location, string profile) => new(
        0,
        null,
        location,
        ImmutableArray<InputBound>.Empty,
        ImmutableArray.Create((location, $"BudgetProfile = \"{profile}\" has no effect without a Budget: add Budget = \"…\" or remove it")));

    /// <summary>The named argument <paramref name="name"/> of <paramref name="attribute"/>, or a null constant.</summary>
    public static TypedConstant Named(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name)
            {
                return argument.Value;
            }
        }

        return default;
    }

    /// <summary>
    /// Where an argument was written: the named argument <paramref name="name"/>, else the positional
    /// argument at <paramref name="position"/>; the attribute itself when neither is found.
    /// </summary>
    public static Location ArgumentLocation(AttributeData attribute, string? name, int position, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
        {
            return Location.None;
        }

        SeparatedSyntaxList<AttributeArgumentSyntax> arguments = syntax.ArgumentList?.Arguments ?? default;
        AttributeArgumentSyntax? argument = name is not null
            ? arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)
            : arguments.Where(a => a.NameEquals is null && a.NameColon is null).ElementAtOrDefault(position);
        return (argument ?? (SyntaxNode)syntax).GetLocation();
    }
}
