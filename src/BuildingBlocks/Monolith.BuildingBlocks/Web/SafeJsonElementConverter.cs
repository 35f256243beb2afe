using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monolith.BuildingBlocks.Web;

/// <summary>
/// A <see cref="JsonElement"/> field (OpenAI's "string or array" members) keeps its text undecoded, so a lone
/// surrogate or a NUL would only surface later, in whatever calls <c>GetString()</c> or stores the text: a 500.
/// Every string and property name inside the element is decoded and checked here, while the body is read, so
/// every later read of the element is safe and the client gets a 400 naming the field.
/// </summary>
internal sealed class SafeJsonElementConverter : JsonConverter<JsonElement>
{
    public override bool HandleNull => true;

    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var element = JsonElement.ParseValue(ref reader);
        Check(element, "");
        return element;
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);

    private static void Check(JsonElement element, string where)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                SafeJsonText.Read(element, where);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Check(item, $"{where}[{index++}]");
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = SafeJsonText.Name(property, where);
                    Check(property.Value, where.Length == 0 ? name : $"{where}.{name}");
                }

                break;
        }
    }
}
