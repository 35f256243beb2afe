using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monolith.BuildingBlocks.Web;

/// <summary>Every typed <c>string</c> of a request body is read through <see cref="SafeJsonText"/>, so bad text is the client's 400.</summary>
internal sealed class SafeStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? SafeJsonText.Read(ref reader, where: null) : throw new JsonException();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        SafeJsonText.Read(ref reader, where: null);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
}
