namespace Pix.Analyzers.Diagnostics;

/// <summary>The categories of Pix diagnostics, one per ID range.</summary>
internal static class DiagnosticCategories
{
    /// <summary>PIX00xx: extracting a performance interface.</summary>
    public const string Extraction = "Pix.Extraction";

    /// <summary>PIX01xx: latency must not depend on secrets.</summary>
    public const string ConstantTime = "Pix.ConstantTime";

    /// <summary>PIX02xx: latency against the committed baseline.</summary>
    public const string Regression = "Pix.Regression";

    /// <summary>PIX03xx: the solver and the hardware profiles Pix runs with.</summary>
    public const string Environment = "Pix.Environment";
}
