using System;
using Microsoft.CodeAnalysis;
using Pix.Extraction.Analysis;
using Pix.Model;

namespace Pix.Extraction;

/// <summary>
/// The model of a method Pix failed on: one empty, unguarded piece (so the model's invariants hold)
/// and an <see cref="GapKind.InternalError"/> gap carrying the exception, which PIX0006 shows.
/// </summary>
internal static class InternalErrorModel
{
    public static InterfaceModel For(IMethodSymbol method, Exception exception)
    {
        Provenance where = SourceLocations.Of(method, "method");
        string frame = FirstFrame(exception);
        var gap = new Gap(
            GapKind.InternalError,
            exception.GetType().Name,
            $"Pix failed to analyse this method: {exception.GetType().FullName}: {exception.Message}{frame}. Please report it with this message.",
            where);
        return new InterfaceModel(
            method.GetDocumentationCommentId() ?? method.Name,
            DisplayNames.Of(method),
            EquatableArray<Quantity>.Empty,
            EquatableArray.Create(new Piece(Guard.Always, EquatableArray<Term>.Empty)),
            EquatableArray.Create(gap),
            0,
            where);
    }

    private static string FirstFrame(Exception exception)
    {
        string? trace = exception.StackTrace;
        if (string.IsNullOrEmpty(trace))
        {
            return string.Empty;
        }

        string first = trace!.Split('\n')[0].Trim();
        return " (" + first + ")";
    }
}
