using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monolith.BuildingBlocks.Security;
using Npgsql;

namespace Monolith.BuildingBlocks.Quotas;

public static class QuotaServiceCollectionExtensions
{
    /// <summary>
    /// The shared counters and the revocation epoch (on their own connection pool: a request's count never waits
    /// behind module work) and the token budget modules see.
    /// </summary>
    public static IServiceCollection AddQuotaCounters(this IServiceCollection services, string connectionString)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        services.AddSingleton(provider => new QuotaCounters(dataSource, provider.GetKeyedService<TimeProvider>(QuotaCounters.ClockKey) ?? provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new RevocationEpoch(dataSource));
        services.AddScoped<ITokenBudget, HttpTokenBudget>();
        services.AddHostedService<QuotaCounterPruning>();
        return services;
    }
}

/// <summary>Deletes ended windows' counters every few minutes (every process does; the DELETE is idempotent).</summary>
internal sealed class QuotaCounterPruning(QuotaCounters counters, ILogger<QuotaCounterPruning> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await counters.PruneAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning("Pruning quota counters failed ({Exception}); the next run retries", exception.GetType().Name);
            }
        }
    }
}
