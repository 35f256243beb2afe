using System.Text;
using System.Text.Json.Nodes;

namespace Monolith.IntegrationTests.Fuzzing;

/// <summary>Edge-case values the fuzzer draws from: wrong types, extremes, unicode traps and hostile text.</summary>
internal static class FuzzValues
{
    // A .NET string cannot carry a lone surrogate into JSON (the writer makes it U+FFFD), so the strings carry
    // these markers and the serialized body gets the escapes a client can send: "\ud800", "\udc00".
    private const string LoneHigh = "~lone-high-surrogate~";
    private const string LoneLow = "~lone-low-surrogate~";

    public static readonly string[] Strings =
    [
        "", " ", "\t\r\n", "\0", "a\0b", LoneHigh, LoneLow + "x", "bees" + LoneHigh, "a" + LoneLow + LoneHigh, "\uFFFF", "\uFEFFbom", "\u202Eevil\u202C", "e\u0301\u0301\u0301",
        "👩‍👩‍👧‍👦", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "ß", "İ", "null", "true", "-1", "0", "1e309", "NaN", "99999999999999999999999",
        "' OR 1=1 --", "\"; DROP TABLE users; --", "../../../../etc/passwd", "%00", "%s%n%x", "{0}{1}", "<script>alert(1)</script>",
        "${jndi:ldap://x}", "http://169.254.169.254/latest/meta-data/", "00000000-0000-0000-0000-000000000000", "hybrid", "vector",
        "keyword", "float", "base64", "all-MiniLM-L6-v2", "extractive", "user", "system", "assistant", "indexed", "pending",
    ];

    public static readonly string[] QueryValues =
        ["", "0", "-1", "1", "2", "1.5", "abc", "2147483648", "-2147483649", "1e3", "%00", "%FF", "%E2%80%AE", "%ED%A0%80", "true", "indexed", "pending", "failed", "nonsense"];

    public static readonly string[] BadIds =
    [
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "1", "-1", "%20", "%00", "..%2F..%2Fadmin", "%F0%9F%98%80",
        "{id}", "00000000000000000000000000000000", "(00000000-0000-0000-0000-000000000000)", "3f1c2a9e-0000-4000-8000-00000000000g",
    ];

    public static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=fuzz",
        "application/json; charset=utf-16", "application/json; charset=iso-8859-1", "application/merge-patch+json",
        "application/octet-stream", "application/jsonx", "*/*",
    ];

    /// <summary>Bodies that are not (valid) JSON for any operation.</summary>
    public static readonly byte[][] RawBodies =
    [
        [], "{"u8.ToArray(), "}"u8.ToArray(), "nul"u8.ToArray(), "[]"u8.ToArray(), "\"text\""u8.ToArray(), "42"u8.ToArray(), "null"u8.ToArray(),
        "{\"a\":}"u8.ToArray(), "{'single':'quotes'}"u8.ToArray(), "{\"a\":1,}"u8.ToArray(), "{/*c*/\"a\":1}"u8.ToArray(),
        "{\"a\":NaN}"u8.ToArray(), "{\"a\":1e999999}"u8.ToArray(), "{\"a\":\"\\ud800\"}"u8.ToArray(), "{\"a\":\"\\u0000\"}"u8.ToArray(),
        [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}'], [0xFF, 0xFE, 0x00, 0x7B], [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'],
        Encoding.UTF8.GetBytes(new string('[', 10_000)), Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 5_000))),
        Encoding.UTF8.GetBytes("{\"x\":1,\"x\":2,\"x\":3}"), Encoding.UTF8.GetBytes(new string(' ', 100_000) + "{}"),
    ];

    /// <summary>Text no field may hold (a lone surrogate or a NUL); <paramref name="shaped"/> also wraps it as OpenAI's arrays do.</summary>
    public static JsonNode TextTrap(Random random, bool shaped)
    {
        string[] traps = [LoneHigh, "ok" + LoneLow, "bees" + LoneHigh + "?", "\0", "bees\0", "ok" + LoneHigh + "\0"];
        var trap = traps[random.Next(traps.Length)];
        return (shaped ? random.Next(3) : 0) switch
        {
            1 => new JsonArray("ok", trap),
            2 => new JsonArray(new JsonObject { ["type"] = "text", ["text"] = trap }),
            _ => JsonValue.Create(trap),
        };
    }

    /// <summary>The serialized body with the lone-surrogate markers replaced by their JSON escapes.</summary>
    public static string WithLoneSurrogates(string json) =>
        json.Replace(LoneHigh, "\\ud800", StringComparison.Ordinal).Replace(LoneLow, "\\udc00", StringComparison.Ordinal);

    public static string HugeString(Random random)
    {
        var length = random.Next(2) == 0 ? random.Next(1_000, 40_000) : random.Next(300_000, 600_000);
        return random.Next(4) == 0 ? string.Concat(Enumerable.Repeat("😀", length)) : new string('a', length * 2);
    }

    public static string String(Random random) => random.Next(10) switch
    {
        0 => HugeString(random),
        1 => string.Concat(Enumerable.Range(0, random.Next(1, 50)).Select(_ => (char)random.Next(0, 0xFFFF))),
        _ => Strings[random.Next(Strings.Length)],
    };

    /// <summary>Any JSON value, of a type that is usually wrong where it lands.</summary>
    public static JsonNode? AnyValue(Random random) => random.Next(14) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.Next(5) switch { 0 => 0, 1 => -1, 2 => int.MaxValue, 3 => int.MinValue, _ => random.Next() }),
        3 => JsonValue.Create(random.Next(3) switch { 0 => long.MaxValue, 1 => long.MinValue, _ => (long)int.MaxValue + 1 }),
        4 => JsonValue.Create(random.Next(4) switch { 0 => double.MaxValue, 1 => -double.Epsilon, 2 => 0.5, _ => -1e-300 }),
        5 => new JsonArray(),
        6 => new JsonObject(),
        7 => new JsonArray(Enumerable.Range(0, random.Next(1, 5)).Select(_ => JsonValue.Create(String(random))).ToArray<JsonNode?>()),
        8 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = new JsonArray(1, "two", null) } },
        9 => new JsonArray(Enumerable.Range(0, random.Next(100, 3_000)).Select(i => JsonValue.Create(i)).ToArray<JsonNode?>()),
        _ => JsonValue.Create(String(random)),
    };
}
