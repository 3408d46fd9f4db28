using Pix.Extraction.Inputs;
using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// An access path builds its key (its identity) once; a path made from another by <c>with</c> or
/// <see cref="AccessPath.Append"/> must get its own, not inherit the one its original had built.
/// </summary>
public class AccessPathTests
{
    [Fact]
    public void An_appended_path_has_its_own_key_after_the_original_built_one()
    {
        AccessPath data = AccessPath.Parameter(0, "data");
        string dataKey = data.Key;

        AccessPath length = data.Append("Length", AccessStepKind.Size);

        Assert.NotEqual(dataKey, length.Key);
        Assert.NotEqual(data, length);
        Assert.Equal(AccessPath.Parameter(0, "data").Append("Length", AccessStepKind.Size), length);
        Assert.Equal("data.Length", length.Text);
    }

    [Fact]
    public void A_path_changed_with_with_has_its_own_key()
    {
        AccessPath first = AccessPath.Parameter(0, "a").Append("Count", AccessStepKind.Size);
        string firstKey = first.Key;

        AccessPath second = first with { RootText = "b", Ordinal = 1 };

        Assert.NotEqual(firstKey, second.Key);
        Assert.NotEqual(first, second);
        Assert.Equal(AccessPath.Parameter(1, "b").Append("Count", AccessStepKind.Size).Key, second.Key);
    }
}
