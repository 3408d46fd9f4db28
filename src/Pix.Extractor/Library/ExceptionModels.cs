using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using static Pix.OperationClass;

namespace Pix.Library;

/// <summary>
/// The constructors of the BCL's common exceptions, following Exception.cs and Exception.CoreCLR.cs:
/// Exception() stores the field initialiser <c>_xcode</c> and <c>_HResult</c>; (message) and
/// (message, inner) store those too; each derived exception stores its own HResult after its base's.
/// The constructor is called, not inlined: it runs in a throw block, which the JIT does not inline into.
/// The constructors without a message take it from the resources (<c>SR.Arg_NotSupportedException</c>):
/// a lookup whose cost is the ResourceManager's, the same on every call, priced by name in the profile
/// (like <c>Stopwatch.GetTimestamp</c>) rather than counted in operation classes.
/// </summary>
internal static class ExceptionModels
{
    /// <summary>The opaque term of a message read from the BCL's resources.</summary>
    public const string ResourceLookup = "SR.GetResourceString";

    /// <summary>
    /// The bytes of Exception's fields (11 references, two native ints, two ints: 112) less the 8 that
    /// the `new` counted beyond its 16-byte header: reference assemblies hide the fields, so `new` counts
    /// the 24-byte minimum object (as for StringBuilder, the constructor adds what `new` missed).
    /// </summary>
    private const double HiddenFieldBytes = 104;

    public static IReadOnlyList<LibraryModel> All { get; } = Build();

    private static List<LibraryModel> Build()
    {
        var models = new List<LibraryModel>();
        Add(models, "System.Exception", hresultStores: 0, messageFromResources: false);
        Add(models, "System.SystemException", hresultStores: 1, messageFromResources: true);
        foreach (string type in new[]
        {
            "System.NotSupportedException", "System.NotImplementedException", "System.InvalidOperationException",
            "System.FormatException", "System.IndexOutOfRangeException",
            "System.Collections.Generic.KeyNotFoundException",
        })
        {
            Add(models, type, hresultStores: 2, messageFromResources: true);
        }

        // ArgumentException adds `_paramName` (8 more hidden bytes). Its (string, Exception) and (string, string)
        // cannot be told apart by the first parameter: only () and (message) are modelled.
        Add(models, "System.ArgumentException", hresultStores: 2, messageFromResources: true, hiddenBytes: HiddenFieldBytes + 8, withInner: false);
        return models;
    }

    /// <summary>
    /// The (), (string) and (string, Exception) constructors of <paramref name="type"/>, which has no other
    /// constructor taking a string first (InvalidCastException's (string, int) would be priced as the inner
    /// exception's; it is left out). (string, Exception)
    /// is told from the serialisation constructor (SerializationInfo, StreamingContext) by its first
    /// parameter; that one reads the SerializationInfo's entries and is not modelled.
    /// </summary>
    private static void Add(List<LibraryModel> models, string type, int hresultStores, bool messageFromResources, double hiddenBytes = HiddenFieldBytes, bool withInner = true)
    {
        // Without a message, Exception() runs as is; the others pass the resource's message to Exception(string).
        models.Add(new(type + "..ctor", Stores((messageFromResources ? 3 : 2) + hresultStores, hiddenBytes), BclModels.None, Parameters: 0,
            OpaqueName: messageFromResources ? ResourceLookup : null));
        models.Add(new(type + "..ctor", Stores(3 + hresultStores, hiddenBytes), BclModels.None, Parameters: 1, FirstParameter: SpecialType.System_String));
        if (withInner)
        {
            models.Add(new(type + "..ctor", Stores(4 + hresultStores, hiddenBytes), BclModels.None, Parameters: 2, FirstParameter: SpecialType.System_String));
        }
    }

    private static (OperationClass, double)[] Stores(double stores, double hiddenBytes) =>
        BclModels.Ops((Call, 1), (Store, stores), (AllocatedByte, hiddenBytes));
}
