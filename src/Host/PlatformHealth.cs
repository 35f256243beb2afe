using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Monolith.Host;

internal static class PlatformHealth
{
    /// <summary>/health/live: the process answers. /health/ready: every module's database is reachable and migrated.</summary>
    public static void MapPlatformHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
    }
}
