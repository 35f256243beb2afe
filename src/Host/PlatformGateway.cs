using Microsoft.AspNetCore.Http.Features;
using Monolith.BuildingBlocks.Modules;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Monolith.Host;

/// <summary>
/// Keeps the public API in one place when modules run in other processes: every HTTP route of a module
/// named in <c>Modules:Remote:&lt;Module&gt;</c> (the base URL of the process that runs it) is forwarded
/// there unchanged, Authorization header included, so callers never see the split.
/// </summary>
internal static class PlatformGateway
{
    public static bool AddPlatformGateway(this IServiceCollection services, IConfiguration configuration, IReadOnlyList<IModule> known, IReadOnlyList<IModule> enabled)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var module in known.Except(enabled))
        {
            var address = configuration[$"Modules:Remote:{module.Name}"];
            if (string.IsNullOrWhiteSpace(address))
            {
                continue;
            }

            var cluster = module.Name.ToLowerInvariant();
            clusters.Add(new ClusterConfig
            {
                ClusterId = cluster,
                Destinations = new Dictionary<string, DestinationConfig> { [cluster] = new() { Address = address } },
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

        services.AddReverseProxy().LoadFromMemory(routes, clusters);
        return true;
    }

    public static void MapPlatformGateway(this WebApplication app) =>
        app.MapReverseProxy(proxy => proxy.Use((context, next) =>
        {
            // The module's own process enforces its body limits (a document batch may exceed the host's).
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            {
                bodySize.MaxRequestBodySize = null;
            }

            return next(context);
        }));
}
