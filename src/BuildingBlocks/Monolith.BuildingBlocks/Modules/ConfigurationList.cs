using Microsoft.Extensions.Configuration;

namespace Monolith.BuildingBlocks.Modules;

/// <summary>
/// A list setting given either as indexed keys (<c>Key:0</c>, <c>Key:1</c>, JSON arrays) or as one comma-separated
/// value (<c>Key=a,b</c>), which environment variables carry more naturally.
/// </summary>
public static class ConfigurationList
{
    public static string[] Read(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        return section.GetChildren().Any()
            ? section.GetChildren().Select(child => child.Value?.Trim() ?? "").Where(value => value.Length > 0).ToArray()
            : section.Value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
    }
}
