using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monolith.Host;

/// <summary>
/// A graceful stop (SIGTERM from an orchestrator, a rolling restart) that loses no request: the process first
/// reports not ready on <c>/health/ready</c> and keeps serving for <c>Shutdown:DrainSeconds</c> (5), long enough
/// for whatever routes by readiness (the gateway's checks every 2 s, a Kubernetes Service's probes) to stop
/// sending it requests; only then does the server stop listening and wait for the requests still in flight.
/// Without it the listener closed at once, and requests routed in the seconds before the router noticed were
/// refused. While draining, every response asks its client to close the connection (<see cref="PlatformHealth.UseShutdownDrain"/>),
/// so no idle keep-alive connection is left to race the listener's close: a request sent later opens a new
/// connection, is refused, and the gateway sends it to another replica (<see cref="GatewayRetry"/>).
/// </summary>
internal sealed class ShutdownDrain(IConfiguration configuration, ILogger<ShutdownDrain> logger) : IHostedLifecycleService, IHealthCheck
{
    private volatile bool _draining;

    public bool Draining => _draining;

    public TimeSpan Period { get; } = TimeSpan.FromSeconds(configuration.GetValue("Shutdown:DrainSeconds", 5));

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_draining ? HealthCheckResult.Unhealthy("Stopping: draining requests.") : HealthCheckResult.Healthy());

    /// <summary>Runs before any hosted service stops (the server among them), so requests are still served meanwhile.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        if (Period <= TimeSpan.Zero)
        {
            return;
        }

        logger.LogInformation("Stopping: not ready, serving for {Seconds} s more so that routers stop sending requests", Period.TotalSeconds);
        try
        {
            await Task.Delay(Period, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // the host's shutdown timeout ran out: stop now
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
