using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Monolith.BuildingBlocks.Modules;

namespace Monolith.Host;

/// <summary>
/// The real client behind proxies: <c>X-Forwarded-For</c> and <c>-Proto</c> are believed only from the
/// peers in <c>ForwardedHeaders:TrustedProxies</c> (addresses) and <c>ForwardedHeaders:TrustedNetworks</c>
/// (CIDR), none by default, so rate limits, logs and traces see the client's address, and a client cannot
/// pick its own address by sending the header. A gateway trusts its ingress; a module process trusts its
/// gateway. The gateway's proxy sets the header from the address it believed, so the chain holds.
/// </summary>
internal static class PlatformForwardedHeaders
{
    /// <summary>Whether any peer is trusted; if none is, the middleware must not run: with empty lists it would believe every peer.</summary>
    public static bool AddPlatformForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = ConfigurationList.Read(configuration, "ForwardedHeaders:TrustedProxies").Select(IPAddress.Parse).ToList();
        var networks = ConfigurationList.Read(configuration, "ForwardedHeaders:TrustedNetworks").Select(System.Net.IPNetwork.Parse).ToList();
        if (proxies.Count == 0 && networks.Count == 0)
        {
            return false;
        }

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts loopback by default; here only what is configured is trusted.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        return true;
    }
}
