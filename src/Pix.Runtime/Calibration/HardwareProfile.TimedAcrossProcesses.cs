using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Json;

namespace Pix;

// Which classes a calibration priced at the mean over several processes (pix calibrate's children, ProcessAverage)
// rather than in its own process alone (HardwareProfile.Calibrate, and every profile before the field).
public sealed partial class HardwareProfile
{
    private int _timedProcesses;
    private OperationClass[] _classesTimedAcrossProcesses = Array.Empty<OperationClass>();

    /// <summary>
    /// How many processes timed <see cref="ClassesTimedAcrossProcesses"/> (0 when none: every class was timed in the
    /// calibrating process, as <see cref="Calibrate"/> does). A reader comparing two profiles can tell a class averaged over
    /// code placements drawn in several processes from one a single process drew.
    /// </summary>
    public int TimedProcesses => _timedProcesses;

    /// <summary>The classes priced at the mean over <see cref="TimedProcesses"/> processes, in class order; empty when none.</summary>
    public IReadOnlyList<OperationClass> ClassesTimedAcrossProcesses => _classesTimedAcrossProcesses;

    /// <summary>A copy of this profile that records <paramref name="classes"/> as timed over <paramref name="processes"/> processes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="processes"/> is less than 1, or <paramref name="classes"/> is empty.</exception>
    public HardwareProfile WithTimedAcrossProcesses(int processes, IEnumerable<OperationClass> classes)
    {
        OperationClass[] sorted = (classes ?? throw new ArgumentNullException(nameof(classes))).Distinct().OrderBy(c => c).ToArray();
        if (processes < 1 || sorted.Length == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(processes), processes, "Classes timed across processes need at least one process and one class.");
        }

        HardwareProfile copy = With(OperationClass.IntegerAlu, _costs[(int)OperationClass.IntegerAlu]);
        copy._timedProcesses = processes;
        copy._classesTimedAcrossProcesses = sorted;
        return copy;
    }

    /// <summary>Writes the field when some class was timed across processes, so every other profile keeps its old text.</summary>
    private void WriteTimedAcrossProcesses(JsonWriter w)
    {
        if (_timedProcesses == 0)
        {
            return;
        }

        w.WritePropertyName("timedAcrossProcesses").WriteStartObject();
        w.WriteNumber("processes", _timedProcesses);
        w.WritePropertyName("classes").WriteStartArray();
        foreach (OperationClass c in _classesTimedAcrossProcesses)
        {
            w.WriteStringValue(c.ToString());
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The optional field: a positive count of processes and a non-empty list of class names.</summary>
    private static HardwareProfile ReadTimedAcrossProcesses(HardwareProfile profile, JsonFields root)
    {
        if (root.OptionalObject("timedAcrossProcesses") is not { } fields)
        {
            return profile;
        }

        fields.RejectUnknown("processes", "classes");
        int processes = (int)fields.RequireInteger("processes", 1, int.MaxValue);
        JsonArray array = fields.RequireArray("classes");
        var classes = new List<OperationClass>();
        for (int i = 0; i < array.Items.Count; i++)
        {
            if (array.Items[i] is not JsonString { Value: var name } || !TryParseClass(name, out OperationClass c))
            {
                throw fields.Error(array.Items[i], $"classes[{i}]", $"expected the name of an operation class; one of {string.Join(", ", AllClasses)}");
            }

            classes.Add(c);
        }

        if (classes.Count == 0)
        {
            throw fields.Error(array, "classes", "at least one class");
        }

        return profile.WithTimedAcrossProcesses(processes, classes);
    }
}
