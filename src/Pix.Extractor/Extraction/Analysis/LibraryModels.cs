using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Pix.Library;

namespace Pix.Extraction.Analysis;

/// <summary>
/// <see cref="LibraryCatalog.Find"/> once per method symbol: the analysis asks it at every call it lowers, and
/// the catalog's key is a string built from the method's namespace and types each time. The answer is a fact
/// of the symbol (the catalog is static). Weak: the table lives no longer than the compilation's symbols.
/// </summary>
internal static class LibraryModels
{
    // A method without a model is remembered too (ConditionalWeakTable holds no null).
    private static readonly object NoModel = new();
    private static readonly ConditionalWeakTable<IMethodSymbol, object> Found = new();

    public static LibraryModel? Of(IMethodSymbol method) =>
        Found.GetValue(method, static m => (object?)LibraryCatalog.Find(m) ?? NoModel) as LibraryModel;
}
