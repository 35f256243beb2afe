using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Monolith.BuildingBlocks.Security;

/// <summary>
/// Token settings shared by the issuer (Users) and every process that validates tokens.
/// The signing key comes from <c>Auth:SigningKey</c> (base64, ≥ 32 bytes); without it a key is
/// generated once and kept in the local data folder, so tokens survive a restart.
/// </summary>
public sealed class JwtSettings
{
    public const string Issuer = "monolith";
    public const string Audience = "monolith-api";

    public required SymmetricSecurityKey SigningKey { get; init; }
    public required TimeSpan Lifetime { get; init; }

    public static JwtSettings FromConfiguration(IConfiguration configuration)
    {
        var lifetimeMinutes = configuration.GetValue("Auth:TokenLifetimeMinutes", 60);
        return new JwtSettings
        {
            SigningKey = new SymmetricSecurityKey(LoadOrCreateKey(configuration)),
            Lifetime = TimeSpan.FromMinutes(lifetimeMinutes),
        };
    }

    private static byte[] LoadOrCreateKey(IConfiguration configuration)
    {
        var configured = configuration["Auth:SigningKey"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var bytes = Convert.FromBase64String(configured);
            return bytes.Length >= 32
                ? bytes
                : throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes (base64).");
        }

        var path = Path.Combine(DataFolder.Path(configuration), "jwt-signing.key");
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        // Written aside and moved into place without overwriting: processes sharing the data folder that
        // start together all end up with the first one's key.
        var key = RandomNumberGenerator.GetBytes(64);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var pending = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(pending, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(pending, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            File.Move(pending, path, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(pending);
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
    }
}
