namespace Pix.Package.Tests;

/// <summary>
/// The package tests share one packed package and run one after another: two <c>dotnet pack</c>
/// runs on the same project at once would race on its obj/ folder.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackedPackage>
{
    public const string Name = "Pix package";
}
