namespace Pix.Generator;

public sealed partial class PerformanceInterfaceGenerator
{
    /// <summary>The version stamped in every <c>[GeneratedCode("Pix.Generator", version)]</c>.</summary>
    internal static string GeneratorVersion { get; } =
        typeof(PerformanceInterfaceGenerator).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";
}
