using Microsoft.AspNetCore.Http.Features;
using Monolith.BuildingBlocks.Modules;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Monolith.Host;

/// <summary>
/// Keeps the public API in one place when modules run in other processes: every HTTP route of a module
/// named in <c>Modules:Remote:&lt;Module&gt;</c> (the base URLs of the replicas that run it, comma-separated) is
/// forwarded there unchanged, Authorization header included, so callers never see the split. Each module is a
/// YARP cluster: requests go to the less busy of two random healthy replicas; a replica whose
/// <c>/health/ready</c> fails twice in a row (checked every <c>Gateway:HealthCheckSeconds</c>, 2) or whose
/// requests keep failing to connect gets no requests until it recovers; a request refused a connection, and an
/// idempotent one that could not reach its replica, is tried on another (<see cref="GatewayRetry"/>). With <c>Gateway:DnsRefreshSeconds</c> set,
/// a replica's host name is resolved to every address it has (an orchestrator's headless service), again at
/// that interval.
/// </summary>
internal static class PlatformGateway
{
    private static readonly TimeSpan PassiveReactivation = TimeSpan.FromSeconds(10);

    public static bool AddPlatformGateway(this IServiceCollection services, IConfiguration configuration, IReadOnlyList<IModule> known, IReadOnlyList<IModule> enabled)
    {
        var healthInterval = TimeSpan.FromSeconds(configuration.GetValue("Gateway:HealthCheckSeconds", 2));
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var module in known.Except(enabled))
        {
            var addresses = ConfigurationList.Read(configuration, $"Modules:Remote:{module.Name}");
            if (addresses.Length == 0)
            {
                continue;
            }

            var cluster = module.Name.ToLowerInvariant();
            clusters.Add(new ClusterConfig
            {
                ClusterId = cluster,
                Destinations = addresses.Select((address, index) => (Name: $"{cluster}-{index}", Address: address))
                    .ToDictionary(replica => replica.Name, replica => new DestinationConfig { Address = replica.Address }),
                LoadBalancingPolicy = LoadBalancingPolicies.PowerOfTwoChoices,
                HealthCheck = new HealthCheckConfig
                {
                    Active = new ActiveHealthCheckConfig
                    {
                        Enabled = true,
                        Interval = healthInterval,
                        Timeout = healthInterval + healthInterval, // a busy replica is slow, not dead
                        Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                        Path = "/health/ready",
                    },
                    Passive = new PassiveHealthCheckConfig
                    {
                        Enabled = true,
                        Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                        ReactivationPeriod = PassiveReactivation,
                    },
                },
                // Streamed chat answers may pause longer than YARP's default 100 s between chunks.
                HttpRequest = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMinutes(10) },
            });
            routes.AddRange(ModuleRoutes.PrefixesOf(module).Select((prefix, index) => new RouteConfig
            {
                RouteId = $"{cluster}-{index}",
                ClusterId = cluster,
                Match = new RouteMatch { Path = prefix + "/{**rest}" },
            }));
        }

        if (routes.Count == 0)
        {
            return false;
        }

        var proxy = services.AddReverseProxy().LoadFromMemory(routes, clusters);
        // YARP judges transport failures over 60 s by default: a replica back after a crash was taken out again by
        // its own outage's failures at each reactivation, for up to a minute. The window now matches the 10 s
        // a replica stays out.
        services.Configure<TransportFailureRateHealthPolicyOptions>(passive => passive.DetectionWindowSize = PassiveReactivation);
        var dnsRefresh = configuration.GetValue("Gateway:DnsRefreshSeconds", 0);
        if (dnsRefresh > 0)
        {
            proxy.AddDnsDestinationResolver(dns => dns.RefreshPeriod = TimeSpan.FromSeconds(dnsRefresh));
        }

        return true;
    }

    public static void MapPlatformGateway(this WebApplication app) =>
        app.MapReverseProxy(proxy =>
        {
            proxy.Use((context, next) =>
            {
                // The module's own process enforces its body limits (a document batch may exceed the host's).
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
                {
                    bodySize.MaxRequestBodySize = null;
                }

                return next(context);
            });
            proxy.Use(GatewayRetry.OnAnotherReplicaAsync);
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });

    /// <summary>Whether this request goes to a module in another process (a route of <see cref="MapPlatformGateway"/>).</summary>
    public static bool Forwards(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is not null;
}
