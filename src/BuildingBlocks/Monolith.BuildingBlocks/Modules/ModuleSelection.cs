using Microsoft.Extensions.Configuration;

namespace Monolith.BuildingBlocks.Modules;

/// <summary>Which of the known modules run in this process: <c>Modules:Enabled</c>, default all.</summary>
public static class ModuleSelection
{
    public static IReadOnlyList<IModule> Enabled(IConfiguration configuration, IReadOnlyList<IModule> known)
    {
        var wanted = ConfigurationList.Read(configuration, "Modules:Enabled");
        if (wanted.Length == 0)
        {
            return known;
        }

        var unknown = wanted.Where(name => !known.Any(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"Modules:Enabled names unknown module(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", known.Select(m => m.Name))}.");
        }

        return known.Where(m => wanted.Contains(m.Name, StringComparer.OrdinalIgnoreCase)).ToList();
    }
}
