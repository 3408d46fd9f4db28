using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Pix.Model;

namespace Pix.Cli.Validation;

/// <summary>
/// Splits a prediction into its terms, from the method's <see cref="InterfaceModel"/> (its reference
/// semantics, <see cref="ModelEvaluator"/>): the same pieces, guards and terms the generated
/// <c>LatencyOf_X</c> was written from. The deployment-specific fit needs each term's value at each size.
/// </summary>
internal sealed class TermBreakdown
{
    private readonly InterfaceModel _model;
    private readonly MethodInfo _method;
    private readonly MethodInfo _latencyMethod;

    public TermBreakdown(InterfaceModel model, MethodInfo method, MethodInfo latencyMethod)
    {
        _model = model;
        _method = method;
        _latencyMethod = latencyMethod;
    }

    /// <summary>
    /// The terms of the piece whose guard holds for these arguments, each priced on <paramref name="hw"/>.
    /// </summary>
    /// <param name="callArguments">The method's call arguments (target first for an instance method).</param>
    /// <param name="latencyArguments"><c>LatencyOf_X</c>'s arguments: the same, the profile, then the PCVs (null: their bound).</param>
    /// <param name="hw">The profile to price with.</param>
    /// <exception cref="NotSupportedException">A quantity cannot be read from the arguments by reflection.</exception>
    public IReadOnlyList<TermValue> Evaluate(IReadOnlyList<object?> callArguments, IReadOnlyList<object?> latencyArguments, HardwareProfile hw)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var reader = new QuantityReader(_method, callArguments);
        foreach (Quantity q in _model.Quantities.Where(q => !q.IsPcv))
        {
            values[q.Name] = reader.Read(q.Expression!);
        }

        // PCVs are the parameters after the profile; a null one takes its bound, as in the generated code.
        ParameterInfo[] parameters = _latencyMethod.GetParameters();
        int firstPcv = _method.GetParameters().Length + 1;
        int argumentOffset = _method.IsStatic ? 0 : 1;
        for (int i = firstPcv; i < parameters.Length; i++)
        {
            if (latencyArguments[argumentOffset + i] is { } pcv)
            {
                values[parameters[i].Name!] = Convert.ToDouble(pcv, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        // The first piece whose guard holds, as ModelEvaluator.SelectPiece picks it; its index keys the terms.
        int pieceIndex = 0;
        while (pieceIndex < _model.Pieces.Count - 1 && !ModelEvaluator.Holds(_model.Pieces[pieceIndex].When, _model, values))
        {
            pieceIndex++;
        }

        Piece piece = _model.Pieces[pieceIndex];
        var terms = new List<TermValue>(piece.Terms.Count);
        for (int t = 0; t < piece.Terms.Count; t++)
        {
            Term term = piece.Terms[t];
            double count = ModelEvaluator.Evaluate(term.Count, _model, values);
            // The description alone can repeat ("loop over n" for each loop of a nest); the count tells them apart.
            string label = $"{term.Description} × {term.Count}" + (_model.Pieces.Count > 1 ? $" (piece {pieceIndex + 1})" : string.Empty);
            terms.Add(new TermValue($"{pieceIndex}.{t}", label, count * term.Block.Price(hw)));
        }

        return terms;
    }
}
