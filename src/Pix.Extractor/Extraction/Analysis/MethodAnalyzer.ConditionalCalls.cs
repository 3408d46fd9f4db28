using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.Extraction.Analysis;

// A call to a method marked [Conditional("SYMBOL")] (Debug.Assert, Debug.WriteLine, Trace.* under TRACE)
// is removed by the C# compiler, arguments and all, unless SYMBOL is defined where the call is: a Release
// build runs no Debug.Assert, a Debug build runs every one. An interface describes the code its compilation
// emits, so such a call costs nothing where it is removed, and is analysed as any call where it is not.
// (The symbols are part of the declaration fingerprint the caches key on, so a Debug model is never
// served to a Release compilation.)
internal sealed partial class MethodAnalyzer
{
    /// <summary>Whether the compiler removes <paramref name="invocation"/> (a conditional method whose symbols are all undefined there).</summary>
    private static bool RemovedByCompiler(IInvocationOperation invocation)
    {
        bool conditional = false;
        foreach (AttributeData attribute in invocation.TargetMethod.OriginalDefinition.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "ConditionalAttribute", ContainingNamespace: { Name: "Diagnostics", ContainingNamespace: { Name: "System" } } }
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string symbol)
            {
                if (IsDefinedIn(invocation.Syntax.SyntaxTree, symbol))
                {
                    return false;
                }

                conditional = true;
            }
        }

        // PixHint's methods are conditional too (they vanish from the program), but they are what the analysis
        // reads. Asked last: the name test formats the type's name, and every call in a body comes through here.
        return conditional && !LoopHints.IsHint(invocation.TargetMethod);
    }

    /// <summary>
    /// Whether <paramref name="symbol"/> is defined in <paramref name="tree"/>: by its parse options, then by the
    /// <c>#define</c>/<c>#undef</c> directives, which C# allows only before the file's first token.
    /// </summary>
    private static bool IsDefinedIn(SyntaxTree tree, string symbol)
    {
        bool defined = tree.Options.PreprocessorSymbolNames.Contains(symbol);
        foreach (SyntaxTrivia trivia in tree.GetRoot().GetFirstToken(includeZeroWidth: true).LeadingTrivia)
        {
            switch (trivia.GetStructure())
            {
                case DefineDirectiveTriviaSyntax define when define.Name.ValueText == symbol:
                    defined = true;
                    break;
                case UndefDirectiveTriviaSyntax undefine when undefine.Name.ValueText == symbol:
                    defined = false;
                    break;
            }
        }

        return defined;
    }
}
