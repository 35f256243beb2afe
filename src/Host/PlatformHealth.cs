using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Monolith.Host;

internal static class PlatformHealth
{
    // What the server may take after the drain to finish the requests in flight (the host's default shutdown timeout).
    private static readonly TimeSpan InFlightGrace = TimeSpan.FromSeconds(30);

    /// <summary>The health checks, with the process's own readiness: not ready once it is stopping (<see cref="ShutdownDrain"/>).</summary>
    public static void AddPlatformHealth(this IServiceCollection services)
    {
        services.AddSingleton<ShutdownDrain>();
        services.AddHostedService(provider => provider.GetRequiredService<ShutdownDrain>());
        services.AddOptions<HostOptions>().Configure<ShutdownDrain>((host, drain) => host.ShutdownTimeout = drain.Period + InFlightGrace);
        services.AddHealthChecks().AddCheck<ShutdownDrain>("accepting-requests", tags: ["ready"]);
    }

    /// <summary>While the process drains, each response closes its connection (HTTP/1.1 <c>Connection: close</c>).</summary>
    public static IApplicationBuilder UseShutdownDrain(this IApplicationBuilder app)
    {
        var drain = app.ApplicationServices.GetRequiredService<ShutdownDrain>();
        return app.Use((context, next) =>
        {
            if (drain.Draining)
            {
                context.Response.Headers.Connection = "close";
            }

            return next(context);
        });
    }

    /// <summary>/health/live: the process answers. /health/ready: it is not stopping, and every module's database is reachable and migrated.</summary>
    public static void MapPlatformHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
    }
}
