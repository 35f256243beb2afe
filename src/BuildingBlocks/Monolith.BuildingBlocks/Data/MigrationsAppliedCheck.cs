using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monolith.BuildingBlocks.Data;

/// <summary>Ready means: the module's database answers and none of its migrations is pending.</summary>
internal sealed class MigrationsAppliedCheck<TContext>(TContext dbContext) : IHealthCheck
    where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await dbContext.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The exception text may carry connection details; report only its kind.
            return HealthCheckResult.Unhealthy($"database unreachable ({exception.GetType().Name})");
        }
    }
}
