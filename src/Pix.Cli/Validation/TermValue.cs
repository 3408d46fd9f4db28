namespace Pix.Cli.Validation;

/// <summary>
/// What one term of an interface contributes to one prediction: its count at these inputs times its
/// block's price on the profile.
/// </summary>
/// <param name="Key">Which term: <c>piece.term</c> indices in the model, the same at every size.</param>
/// <param name="Label">The term as people read it (<c>loop over data.Length</c>).</param>
/// <param name="Nanoseconds">Its latency at these inputs on the profile.</param>
internal sealed record TermValue(string Key, string Label, double Nanoseconds);
