using System;
using System.Linq;
using Pix.Json;

namespace Pix.Runtime.Tests.Json;

public sealed class JsonReaderTests
{
    [Fact]
    public void Reads_every_kind_of_value_with_positions()
    {
        const string text = "{\n  \"a\": [1, -2.5e3, true, false, null],\n  \"b\": \"x\\u0041\\n\"\n}";
        var root = (JsonObject)JsonReader.Parse(text, "t.json");

        Assert.Equal(new JsonPosition(1, 1, 0), root.Position);
        Assert.True(root.TryGetProperty("a", out JsonProperty a));
        Assert.Equal(2, a.NamePosition.Line);
        Assert.Equal(3, a.NamePosition.Column);
        var items = ((JsonArray)a.Value).Items;
        Assert.Equal(1, ((JsonNumber)items[0]).Value);
        Assert.Equal(-2500, ((JsonNumber)items[1]).Value);
        Assert.Equal("-2.5e3", ((JsonNumber)items[1]).Text);
        Assert.True(((JsonBoolean)items[2]).Value);
        Assert.False(((JsonBoolean)items[3]).Value);
        Assert.IsType<JsonNull>(items[4]);
        Assert.Equal(new JsonPosition(2, 20, 21), items[2].Position);
        Assert.Equal("xA\n", ((JsonString)root["b"]!).Value);
    }

    [Theory]
    [InlineData("{\"a\": 1\n  \"b\": 2}", 2, 3, "expected ',' or '}' after a property value, found '\"'")]
    [InlineData("[1, 2,]", 1, 7, "trailing commas are not allowed")]
    [InlineData("{\"a\": 1,}", 1, 9, "trailing commas are not allowed")]
    [InlineData("{\"a\" 1}", 1, 6, "expected ':' after property name 'a'")]
    [InlineData("{a: 1}", 1, 2, "expected a property name in double quotes, found 'a'")]
    [InlineData("[NaN]", 1, 2, "expected a JSON value, found 'NaN'")]
    [InlineData("[01]", 1, 3, "leading zeros")]
    [InlineData("[1.]", 1, 4, "expected a digit after the decimal point")]
    [InlineData("\"abc", 1, 1, "not closed before the end of the text")]
    [InlineData("\"a\\qb\"", 1, 3, "invalid escape sequence '\\q'")]
    [InlineData("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate property 'a'")]
    [InlineData("[1] 2", 1, 5, "expected the end of the text")]
    [InlineData("", 1, 1, "the text is empty")]
    [InlineData("[true1]", 1, 6, "unexpected '1' after 'true'")]
    [InlineData("// comment\n{}", 1, 1, "expected a JSON value, found '/'")]
    public void Reports_syntax_errors_with_line_and_column(string text, int line, int column, string message)
    {
        var error = Assert.Throws<JsonFormatException>(() => JsonReader.Parse(text, "bad.json"));

        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message);
        Assert.StartsWith($"bad.json: line {line}, column {column}: ", error.Message);
    }

    [Fact]
    public void Truncated_documents_say_what_is_unclosed()
    {
        var error = Assert.Throws<JsonFormatException>(() => JsonReader.Parse("{\n  \"costs\": {\n    \"a\": [1, 2", "cut.json"));

        Assert.Equal(3, error.Line);
        Assert.Contains("the array opened at line 3, column 10 is not closed", error.Message);
    }

    [Fact]
    public void Deep_nesting_is_refused_before_the_stack_runs_out()
    {
        string text = new string('[', 100_000) + new string(']', 100_000);

        var error = Assert.Throws<JsonFormatException>(() => JsonReader.Parse(text, "deep.json"));

        Assert.Contains("nested more than 64 deep", error.Message);
        Assert.Equal(65, error.Column);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_accepted()
    {
        var options = new JsonReaderOptions { MaxDepth = 5 };
        JsonReader.Parse("[[[[[]]]]]", "ok.json", options);
        Assert.Throws<JsonFormatException>(() => JsonReader.Parse("[[[[[[]]]]]]", "deep.json", options));
    }

    [Fact]
    public void Texts_over_the_size_limit_are_refused_without_parsing()
    {
        var error = Assert.Throws<JsonFormatException>(() =>
            JsonReader.Parse("[" + new string(' ', 200) + "]", "big.json", new JsonReaderOptions { MaxLength = 100 }));

        Assert.Contains("limit is 100", error.Message);
        Assert.Equal(0, error.Line);
    }

    [Theory]
    [InlineData("1e999", "too large to represent")]
    [InlineData("-1e400", "too large to represent")]
    public void Numbers_out_of_double_range_are_refused(string number, string message)
    {
        var error = Assert.Throws<JsonFormatException>(() => JsonReader.Parse("[" + number + "]", "n.json"));
        Assert.Contains(message, error.Message);
        Assert.Equal(2, error.Column);
    }

    [Fact]
    public void Very_long_number_tokens_are_refused()
    {
        var error = Assert.Throws<JsonFormatException>(() => JsonReader.Parse(new string('9', 10_000), "n.json"));
        Assert.Contains("the limit is 64", error.Message);
    }

    [Fact]
    public void Huge_integers_keep_their_text()
    {
        var n = (JsonNumber)JsonReader.Parse("9007199254740993", "n.json");

        Assert.True(n.TryGetInt64(out long value));
        Assert.Equal(9007199254740993L, value);
        Assert.False(((JsonNumber)JsonReader.Parse("1.5", "n.json")).TryGetInt64(out _));
    }

    [Fact]
    public void Raw_control_characters_in_strings_are_refused()
    {
        var error = Assert.Throws<JsonFormatException>(() => JsonReader.Parse("\"a\nb\"", "s.json"));
        Assert.Contains("not closed before the end of the line", error.Message);
    }

    [Fact]
    public void A_leading_byte_order_mark_is_ignored()
    {
        var root = (JsonArray)JsonReader.Parse("\uFEFF[1]", "bom.json");
        Assert.Single(root.Items);
    }

    [Fact]
    public void Crlf_line_ends_count_lines_once()
    {
        var error = Assert.Throws<JsonFormatException>(() => JsonReader.Parse("{\r\n\r\n  x", "crlf.json"));
        Assert.Equal(3, error.Line);
        Assert.Equal(3, error.Column);
    }

    [Fact]
    public void Object_properties_keep_source_order()
    {
        var root = (JsonObject)JsonReader.Parse("{\"z\":1,\"a\":2,\"m\":3}", "o.json");
        Assert.Equal(new[] { "z", "a", "m" }, root.Properties.Select(p => p.Name));
    }
}
