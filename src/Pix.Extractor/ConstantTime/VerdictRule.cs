using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.ConstantTime;

/// <summary>
/// The method's own verdict is public output (as in ct-verif): once all secret-dependent work is
/// done, branching or throwing on the result (<c>if (diff != 0) return false;</c>,
/// <c>if (bad != 0) throw …;</c>, <c>return ok ? 1 : 0;</c>) reveals only what the result reveals anyway.
/// </summary>
/// <remarks>
/// Syntactic rule: a branch outside every loop, in a top-level statement of the body after which
/// only <c>return</c> and <c>throw</c> statements follow, with no loop in its arms and no other leak
/// after it, is the verdict. Anything earlier (a padding check followed by more work on the secret)
/// is still a leak.
/// </remarks>
internal static class VerdictRule
{
    public static ImmutableArray<ConstantTimeFinding> Apply(IOperation body, IReadOnlyList<PendingFinding> findings)
    {
        IBlockOperation? block = TopBlock(body);
        if (block is null || !findings.Any(f => f.VerdictCandidate))
        {
            return findings.Select(f => f.Finding).ToImmutableArray();
        }

        ImmutableArray<IOperation> statements = block.Operations;
        int firstOfTail = statements.Length;
        while (firstOfTail > 0 && IsReturnOrThrow(statements[firstOfTail - 1]))
        {
            firstOfTail--;
        }

        int lastLeak = findings
            .Where(f => !f.VerdictCandidate)
            .Select(f => IndexOf(statements, f.Finding.Location))
            .DefaultIfEmpty(-1)
            .Max();

        return findings
            .Where(f => !(f.VerdictCandidate && IsVerdict(IndexOf(statements, f.Finding.Location), firstOfTail, lastLeak)))
            .Select(f => f.Finding)
            .ToImmutableArray();
    }

    /// <summary>The statement at <paramref name="index"/> is the last piece of work: only returns and throws follow, and no other leak does.</summary>
    private static bool IsVerdict(int index, int firstOfTail, int lastLeak) =>
        index >= 0 && index + 1 >= firstOfTail && lastLeak <= index;

    private static IBlockOperation? TopBlock(IOperation body) => body switch
    {
        IMethodBodyOperation method => method.BlockBody ?? method.ExpressionBody,
        IBlockOperation block => block,
        _ => null,
    };

    private static bool IsReturnOrThrow(IOperation statement) =>
        statement is IReturnOperation or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation };

    private static int IndexOf(ImmutableArray<IOperation> statements, Location location)
    {
        for (int i = 0; i < statements.Length; i++)
        {
            SyntaxNode syntax = statements[i].Syntax;
            if (syntax.SyntaxTree == location.SourceTree && syntax.Span.Contains(location.SourceSpan))
            {
                return i;
            }
        }

        return -1;
    }
}
