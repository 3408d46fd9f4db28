using System;
using System.Collections.Generic;
using Pix;

namespace Quickstart;

/// <summary>One annotated method and the inputs it is tried on.</summary>
/// <param name="Method">The method as people write it: <c>Checksums.Fnv1a(ReadOnlySpan&lt;byte&gt; data)</c>.</param>
/// <param name="Companion">Its generated interface: <c>LatencyOf_Fnv1a</c>.</param>
/// <param name="Shape">What kind of code it is, in a few words.</param>
/// <param name="Inputs">At least three inputs of growing size.</param>
/// <param name="Formula">The interface along the variable the inputs grow in, to state its formula on the profile used.</param>
internal sealed record Experiment(string Method, string Companion, string Shape, IReadOnlyList<Input> Inputs, Formula Formula);

/// <summary>One input: how the interface prices it and how to run the method on it.</summary>
/// <param name="Description">The input's size, as the interface sees it: <c>data.Length = 4096</c>.</param>
/// <param name="Predict">Calls the generated <c>LatencyOf_X</c> with this input on a profile.</param>
/// <param name="Measure">Times the method itself on this input.</param>
internal sealed record Input(string Description, Func<HardwareProfile, Latency> Predict, Func<MeasurementOptions, MeasurementResult> Measure);
