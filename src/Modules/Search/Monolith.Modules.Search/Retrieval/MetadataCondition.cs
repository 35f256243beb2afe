using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monolith.Modules.Search.Retrieval;

/// <summary>
/// The condition on one metadata key in a search filter: <c>"value"</c> (equal), <c>{"in": ["a", "b"]}</c> (any of)
/// or <c>{"not": "value"}</c> (anything else, or no such key). A value of another shape is kept as
/// <see cref="Problem"/>, so validation can answer 400 naming the key instead of failing the whole body.
/// </summary>
[JsonConverter(typeof(MetadataConditionConverter))]
internal sealed record MetadataCondition(string? EqualTo = null, IReadOnlyList<string>? In = null, string? Not = null, string? Problem = null)
{
    public IEnumerable<string> Values => (EqualTo is null ? [] : new[] { EqualTo }).Concat(In ?? []).Concat(Not is null ? [] : [Not]);
}

internal sealed class MetadataConditionConverter : JsonConverter<MetadataCondition>
{
    private const string Shape = "must be a string, {\"in\": [strings]} or {\"not\": string}";

    public override MetadataCondition Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new MetadataCondition(EqualTo: JsonSerializer.Deserialize<string>(ref reader, options));
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return new MetadataCondition(Problem: Shape);
        }

        var condition = new MetadataCondition();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueTextEquals("in") ? "in" : reader.ValueTextEquals("not") ? "not" : null;
            reader.Read();
            condition = (name, reader.TokenType) switch
            {
                ("in", JsonTokenType.StartArray) => condition with { In = JsonSerializer.Deserialize<List<string>>(ref reader, options) },
                ("not", JsonTokenType.String) => condition with { Not = JsonSerializer.Deserialize<string>(ref reader, options) },
                _ => Invalid(ref reader, condition),
            };
        }

        return condition is { In: null, Not: null } or { In: not null, Not: not null } ? condition with { Problem = Shape } : condition;

        static MetadataCondition Invalid(ref Utf8JsonReader reader, MetadataCondition condition)
        {
            reader.Skip();
            return condition with { Problem = Shape };
        }
    }

    public override void Write(Utf8JsonWriter writer, MetadataCondition value, JsonSerializerOptions options)
    {
        if (value.EqualTo is not null)
        {
            writer.WriteStringValue(value.EqualTo);
            return;
        }

        writer.WriteStartObject();
        if (value.In is not null)
        {
            writer.WritePropertyName("in");
            JsonSerializer.Serialize(writer, value.In, options);
        }

        if (value.Not is not null)
        {
            writer.WriteString("not", value.Not);
        }

        writer.WriteEndObject();
    }
}
