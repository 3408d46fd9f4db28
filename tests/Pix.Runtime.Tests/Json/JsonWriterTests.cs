using System;
using Pix.Json;

namespace Pix.Runtime.Tests.Json;

public sealed class JsonWriterTests
{
    [Fact]
    public void Writes_two_space_indentation_lf_and_a_final_newline()
    {
        string text = new JsonWriter()
            .WriteStartObject()
            .WriteNumber("schema", 1L)
            .WritePropertyName("items").WriteStartArray().WriteNumberValue(0.1).WriteStringValue("a\"b").WriteEndArray()
            .WritePropertyName("empty").WriteStartObject().WriteEndObject()
            .WritePropertyName("none").WriteStartArray().WriteEndArray()
            .WriteBoolean("flag", true)
            .WritePropertyName("nothing").WriteNullValue()
            .WriteEndObject()
            .ToString();

        const string expected = "{\n  \"schema\": 1,\n  \"items\": [\n    0.1,\n    \"a\\\"b\"\n  ],\n  \"empty\": {},\n  \"none\": [],\n  \"flag\": true,\n  \"nothing\": null\n}\n";
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(50.0, "50")]
    [InlineData(-0.0, "-0")]
    [InlineData(1e-5, "1E-05")]
    [InlineData(1.5e300, "1.5E+300")]
    public void Numbers_round_trip_in_invariant_form(double value, string expected)
    {
        string text = JsonWriter.FormatNumber(value);

        Assert.Equal(expected, text);
        Assert.Equal(value, ((JsonNumber)JsonReader.Parse(text, "n")).Value);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Non_finite_numbers_cannot_be_written(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsonWriter().WriteNumberValue(value));
    }

    [Fact]
    public void Strings_with_controls_and_lone_surrogates_stay_valid()
    {
        string original = "tab\tnew\nline \u0001 \ud800 emoji \ud83d\ude00 é";
        string text = JsonWriter.Serialize(new JsonString(original));

        Assert.Equal("\"tab\\tnew\\nline \\u0001 \\ud800 emoji \ud83d\ude00 é\"\n", text);
        Assert.Equal(original, ((JsonString)JsonReader.Parse(text, "s")).Value);
    }

    [Fact]
    public void A_read_tree_writes_back_byte_identical()
    {
        const string text = "{\n  \"b\": [\n    1.50,\n    -2e3\n  ],\n  \"a\": {\n    \"x\": \"y\"\n  }\n}\n";

        Assert.Equal(text, JsonWriter.Serialize(JsonReader.Parse(text, "t")));
    }

    [Fact]
    public void Sorting_orders_properties_ordinally_at_every_level()
    {
        JsonNode tree = JsonReader.Parse("{\"b\":{\"z\":1,\"Z\":2},\"a\":[{\"d\":1,\"c\":2}]}", "t");

        string text = JsonWriter.Serialize(tree, sortProperties: true);

        Assert.Equal("{\n  \"a\": [\n    {\n      \"c\": 2,\n      \"d\": 1\n    }\n  ],\n  \"b\": {\n    \"Z\": 2,\n    \"z\": 1\n  }\n}\n", text);
    }

    [Fact]
    public void Misuse_is_reported_as_a_bug()
    {
        Assert.Throws<InvalidOperationException>(() => new JsonWriter().WriteStartObject().WriteNumberValue(1L));
        Assert.Throws<InvalidOperationException>(() => new JsonWriter().WriteStartArray().WritePropertyName("x"));
        Assert.Throws<InvalidOperationException>(() => new JsonWriter().WriteStartObject().ToString());
        Assert.Throws<InvalidOperationException>(() => new JsonWriter().WriteNullValue().WriteNullValue());
        Assert.Throws<InvalidOperationException>(() => new JsonWriter().WriteStartObject().WriteEndArray());
    }
}
