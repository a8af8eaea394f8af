using System.Text.Json.Nodes;
using AgentFunctions.Core.Skills.Schemas;

namespace AgentFunctions.Core.Tests.Skills;

public sealed class JsonSchemaTests
{
    [Theory]
    [InlineData("""{"type":"string"}""", "\"a\"")]
    [InlineData("""{"type":"integer"}""", "3")]
    [InlineData("""{"type":"integer"}""", "3.0")]
    [InlineData("""{"type":"number"}""", "3.5")]
    [InlineData("""{"type":"boolean"}""", "false")]
    [InlineData("""{"type":"null"}""", "null")]
    [InlineData("""{"type":"array"}""", "[]")]
    [InlineData("""{"type":"object"}""", "{}")]
    [InlineData("""{"type":["string","null"]}""", "null")]
    [InlineData("""{"enum":["proceed","reject",1]}""", "1.0")]
    [InlineData("""{"const":{"a":[1,"x"]}}""", """{"a":[1,"x"]}""")]
    [InlineData("""{"minimum":0,"maximum":100}""", "100")]
    [InlineData("""{"minLength":2,"maxLength":3}""", "\"héé\"")]
    [InlineData("""{"minItems":1,"maxItems":2}""", "[1,2]")]
    [InlineData("""{"pattern":"^[a-z]+/[a-z-]+$"}""", "\"hr/resume-screen\"")]
    [InlineData("""{"minimum":0}""", "\"not a number, so minimum does not apply\"")]
    [InlineData("true", """{"anything":1}""")]
    [InlineData("""{"format":"date-time"}""", "\"2024-05-01T10:00:00Z\"")]
    [InlineData("""{"format":"no-such-format"}""", "\"anything\"")]
    [InlineData("""{"exclusiveMinimum":0,"multipleOf":5}""", "10")]
    [InlineData("""{"oneOf":[{"type":"string"},{"type":"integer"}]}""", "3")]
    [InlineData("""{"$defs":{"score":{"type":"integer","maximum":100}},"properties":{"s":{"$ref":"#/$defs/score"}}}""", """{"s":100}""")]
    [InlineData("""{"additionalProperties":{"type":"string"}}""", """{"a":"x"}""")]
    [InlineData("""{"prefixItems":[{"type":"string"}],"items":false}""", """["a"]""")]
    public void Validate_ValueThatSatisfiesKeyword_HasNoErrors(string schema, string value)
    {
        Assert.Empty(Schema(schema).Validate(JsonNode.Parse(value)));
    }

    [Theory]
    [InlineData("""{"type":"string"}""", "1", "", "Expected string but found integer.")]
    [InlineData("""{"type":"integer"}""", "3.5", "", "Expected integer but found number.")]
    [InlineData("""{"type":["string","null"]}""", "true", "", "Expected string or null but found boolean.")]
    [InlineData("""{"enum":["proceed","reject"]}""", "\"maybe\"", "", "The value \"maybe\" is not one of the allowed values [\"proceed\",\"reject\"].")]
    [InlineData("""{"const":"x"}""", "\"y\"", "", "The value must be \"x\".")]
    [InlineData("""{"minimum":0}""", "-1", "", "The number -1 is below the minimum 0.")]
    [InlineData("""{"maximum":100}""", "101", "", "The number 101 is above the maximum 100.")]
    [InlineData("""{"minLength":2}""", "\"a\"", "", "at least 2")]
    [InlineData("""{"maxLength":2}""", "\"abc\"", "", "at most 2")]
    [InlineData("""{"minItems":1}""", "[]", "", "at least 1")]
    [InlineData("""{"maxItems":1}""", "[1,2]", "", "at most 1")]
    [InlineData("""{"pattern":"^[0-9]+$"}""", "\"12a\"", "", "does not match the pattern '^[0-9]+$'.")]
    [InlineData("false", "1", "", "No value is allowed")]
    [InlineData("""{"required":["fit_score"]}""", "{}", "", "The required property 'fit_score' is missing.")]
    [InlineData("""{"properties":{"fit_score":{"type":"integer"}}}""", """{"fit_score":"high"}""", "/fit_score", "Expected integer")]
    [InlineData("""{"additionalProperties":false,"properties":{"a":{}}}""", """{"a":1,"b/c":2}""", "/b~1c", "The property 'b/c' is not allowed (additionalProperties is false).")]
    [InlineData("""{"items":{"type":"string"}}""", """["a",2]""", "/1", "Expected string")]
    [InlineData("""{"properties":{"at":{"format":"date-time"}}}""", """{"at":"yesterday"}""", "/at", "not a valid \"date-time\"")]
    [InlineData("""{"exclusiveMinimum":0}""", "0", "", "must be greater than 0")]
    [InlineData("""{"multipleOf":5}""", "7", "", "5")]
    [InlineData("""{"uniqueItems":true}""", "[1,1]", "", "equal items at the index pairs [\"(0,1)\"]")]
    [InlineData("""{"not":{"type":"string"}}""", "\"a\"", "", "must not match the schema at /not")]
    [InlineData("""{"$defs":{"score":{"maximum":100}},"properties":{"s":{"$ref":"#/$defs/score"}}}""", """{"s":101}""", "/s", "above the maximum 100")]
    [InlineData("""{"additionalProperties":{"type":"string"}}""", """{"a":1}""", "/a", "Expected string")]
    [InlineData("""{"$schema":"http://json-schema.org/draft-07/schema#","items":[{"type":"string"}]}""", "[1]", "/0", "Expected string")]
    public void Validate_ValueThatBreaksKeyword_ReportsPathAndMessage(string schema, string value, string path, string message)
    {
        var error = Assert.Single(Schema(schema).Validate(JsonNode.Parse(value)));

        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ManyErrors_AreOrderedByPointerWithIndexesInNumericOrder()
    {
        var schema = Schema("""{"properties":{"b":{"items":{"type":"string"}},"a":{"type":"string"}},"required":["z","y"]}""");

        var errors = schema.Validate(JsonNode.Parse("""{"b":[0,1,2,3,4,5,6,7,8,9,10],"a":1}"""));

        Assert.Equal(["", "", "/a", .. Enumerable.Range(0, 11).Select(i => $"/b/{i}")], errors.Select(e => e.Path));
        Assert.Equal(["(root): The required property 'z' is missing.", "(root): The required property 'y' is missing."], errors.Take(2).Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("""{"pattern":"^(a+)+$"}""", "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\"")]
    [InlineData("""{"patternProperties":{"^(a+)+$":false}}""", """{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!":1}""")]
    public void Validate_PatternThatBacktracksForMinutes_IsRejectedAfterItsTimeout(string schema, string value)
    {
        // Without the timeout, this match takes hours (each extra 'a' doubles it; 30 took 94 s here).
        var error = Assert.Single(Schema(schema).Validate(JsonNode.Parse(value)));

        Assert.Contains("took longer than 100 ms; the value is rejected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AnyOfWithOnePassingAlternative_IsValid_AndWithNone_ReportsEachAlternative()
    {
        var schema = Schema("""{"anyOf":[{"type":"string"},{"type":"integer","minimum":0}]}""");

        Assert.Empty(schema.Validate(JsonNode.Parse("3")));
        Assert.Equal(["Expected string but found integer.", "The number -1 is below the minimum 0."], schema.Validate(JsonNode.Parse("-1")).Select(e => e.Message));
    }

    [Fact]
    public void Validate_NestedObject_ReportsEveryErrorWithItsPointer()
    {
        var schema = Schema("""
            {"type":"object","required":["required_match"],"properties":{
              "required_match":{"type":"object","required":["met","missing"],"properties":{
                "met":{"type":"array","items":{"type":"string","minLength":1}}}}}}
            """);

        var errors = schema.Validate(JsonNode.Parse("""{"required_match":{"met":["ok",""]}}"""));

        Assert.Equal(["/required_match", "/required_match/met/1"], errors.Select(e => e.Path));
    }

    [Theory]
    [InlineData("""{"type":"text"}""", "/type")]
    [InlineData("""{"type":[]}""", "/type")]
    [InlineData("""{"properties":[]}""", "/properties")]
    [InlineData("""{"properties":{"a":{"type":"strin"}}}""", "/properties/a/type")]
    [InlineData("""{"required":"a"}""", "/required")]
    [InlineData("""{"required":["a","a"]}""", "/required")]
    [InlineData("""{"additionalProperties":"no"}""", "/additionalProperties")]
    [InlineData("""{"items":3}""", "/items")]
    [InlineData("""{"uniqueItems":"yes"}""", "/uniqueItems")]
    [InlineData("""{"$ref":"#/$defs/missing"}""", "/$ref")]
    [InlineData("""{"$schema":"https://example.com/my-dialect"}""", "/$schema")]
    [InlineData("""{"allOf":[{"maximum":"high"}]}""", "/allOf/0/maximum")]
    [InlineData("""{"minimum":"0"}""", "/minimum")]
    [InlineData("""{"maxLength":-1}""", "/maxLength")]
    [InlineData("""{"minItems":1.5}""", "/minItems")]
    [InlineData("""{"pattern":"(unclosed"}""", "/pattern")]
    [InlineData("\"string\"", "")]
    [InlineData("null", "")]
    public void Parse_InvalidKeywordValue_IsAnErrorAtItsPointer(string schema, string path)
    {
        var result = JsonSchema.Parse(JsonNode.Parse(schema));

        Assert.Null(result.Schema);
        Assert.Equal(path, Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Parse_InvalidType_NamesTheAllowedTypes()
    {
        var error = Assert.Single(JsonSchema.Parse(JsonNode.Parse("""{"properties":{"a":{"type":"text"}}}""")).Errors);

        Assert.Equal("/properties/a/type", error.Path);
        Assert.Contains("\"text\" is not one of the allowed values [\"array\",\"boolean\",\"integer\",\"null\",\"number\",\"object\",\"string\"]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownKeywordsAndFormats_AreWarningsAndTheSchemaIsStillUsable()
    {
        var result = JsonSchema.Parse(JsonNode.Parse("""
            {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"t","description":"d",
             "properties":{"when":{"type":"string","format":"date-time"},"tags":{"prefixItems":[{"type":"string"}]},
               "code":{"format":"product-code"}},
             "additionalProperties":{"type":"string"},"oneOf":[true],"minimun":0}
            """));

        Assert.NotNull(result.Schema);
        Assert.Empty(result.Errors);
        Assert.Equal(["/properties/code/format", "/minimun"], result.Warnings.Select(w => w.Path));
        Assert.Contains("Unknown format 'product-code'", result.Warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("Unknown keyword 'minimun'", result.Warnings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_JsonElement_GivesTheSameSchema()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{"type":"object","required":["a"]}""");

        var result = JsonSchema.Parse(document.RootElement);

        Assert.Equal("""{"type":"object","required":["a"]}""", result.Schema!.Node!.ToJsonString());
        Assert.Single(result.Schema.Validate(new JsonObject()));
    }

    [Fact]
    public void Parse_SameIdInTwoSchemas_BothAreUsable()
    {
        var first = Schema("""{"$id":"https://example.com/s","type":"string"}""");
        var second = Schema("""{"$id":"https://example.com/s","type":"integer"}""");

        Assert.Empty(first.Validate(JsonNode.Parse("\"a\"")));
        Assert.Empty(second.Validate(JsonNode.Parse("1")));
    }

    [Fact]
    public void Parse_Schema_KeepsACopyOfTheJson()
    {
        var node = JsonNode.Parse("""{"type":"object"}""");
        var schema = Schema(node!.ToJsonString());

        Assert.Equal(node.ToJsonString(), schema.Node!.ToJsonString());
        Assert.NotSame(node, schema.Node);
    }

    private static JsonSchema Schema(string json)
    {
        var result = JsonSchema.Parse(JsonNode.Parse(json));
        Assert.Empty(result.Errors);
        return result.Schema!;
    }
}
