using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monolith.BuildingBlocks.Web;

/// <summary>
/// PostgreSQL text and jsonb cannot hold U+0000, so a request string carrying one would fail deep in a
/// handler as a 500. Rejecting it while the body is read makes it the client's 400 on every route.
/// </summary>
internal sealed class NulFreeStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Checked(reader.GetString()!) : throw new JsonException();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static string Checked(string value) => value.Contains('\0', StringComparison.Ordinal)
        ? throw new JsonException("Text may not contain the NUL character (\\u0000).")
        : value;
}
