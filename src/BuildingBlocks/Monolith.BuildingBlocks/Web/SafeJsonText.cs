using System.Text.Json;

namespace Monolith.BuildingBlocks.Web;

/// <summary>
/// The one check of request text: PostgreSQL text and jsonb cannot hold U+0000, and .NET cannot decode a lone
/// UTF-16 surrogate escape (<c>"\ud800"</c>) into a string (it throws <see cref="InvalidOperationException"/>).
/// Both become a <see cref="JsonException"/> while the body is read, which the problem handler answers with a
/// 400 naming the field; <c>where</c> is the position inside a <see cref="JsonElement"/> field.
/// </summary>
internal static class SafeJsonText
{
    public static string Read(ref Utf8JsonReader reader, string? where)
    {
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw LoneSurrogate(where);
        }

        return Checked(text, where);
    }

    public static string Read(JsonElement element, string where) => Checked(Decoded(() => element.GetString()!, where), where);

    public static string Name(JsonProperty property, string where) => Checked(Decoded(() => property.Name, where), where);

    private static string Decoded(Func<string> decode, string where)
    {
        try
        {
            return decode();
        }
        catch (InvalidOperationException)
        {
            throw LoneSurrogate(where);
        }
    }

    private static string Checked(string text, string? where) => text.Contains('\0', StringComparison.Ordinal)
        ? throw new JsonException("Text" + At(where) + " may not contain the NUL character (\\u0000).")
        : text;

    private static JsonException LoneSurrogate(string? where) =>
        new("Text" + At(where) + " must be valid Unicode: a lone UTF-16 surrogate (\\ud800-\\udfff without its pair) is not.");

    private static string At(string? where) => string.IsNullOrEmpty(where) ? "" : $" at {where}";
}
