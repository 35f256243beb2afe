using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Monolith.Modules.Users;

/// <summary>API keys look like OpenAI's ("sk-…"), so OpenAI client libraries accept them as they are.</summary>
internal static class ApiKeySecret
{
    public const string Marker = "sk-";

    public static string Generate() => Marker + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string DisplayPrefix(string key) => key[..Math.Min(key.Length, 11)];

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
