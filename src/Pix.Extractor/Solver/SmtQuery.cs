using System.Collections.Generic;

namespace Pix.Solver;

/// <summary>
/// One SMT-LIB2 script, ready for <c>Z3_eval_smtlib2_string</c> or the <c>z3</c> command line:
/// declarations, assertions, <c>(check-sat)</c> and a <c>(get-value …)</c> of every quantity.
/// </summary>
/// <param name="Text">The script.</param>
/// <param name="Symbols">How quantity names map to the script's symbols (to read the model back).</param>
internal sealed record SmtQuery(string Text, SmtSymbols Symbols)
{
    /// <summary>The quantity names the model gives values for.</summary>
    public IReadOnlyList<string> QuantityNames => Symbols.Names;
}
