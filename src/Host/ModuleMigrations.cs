using Monolith.BuildingBlocks.Modules;

namespace Monolith.Host;

internal static class ModuleMigrations
{
    public static async Task ApplyAsync(IServiceProvider services, IEnumerable<IModule> modules, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var module in modules)
        {
            await module.MigrateAsync(services, cancellationToken);
            logger.LogInformation("Migrated schema {Schema} of module {Module}", module.Schema, module.Name);
        }
    }
}
