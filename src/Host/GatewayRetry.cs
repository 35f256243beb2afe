using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Monolith.Host;

/// <summary>
/// A request without a body whose repeat changes nothing (GET, HEAD, OPTIONS) that failed to reach its replica
/// (refused, reset, or no response headers: a replica that just died) is sent to another healthy replica, once
/// per replica, so a crash costs those clients nothing. Requests with a body, or whose response had started,
/// are not repeated: the replica may have acted on them.
/// </summary>
internal static class GatewayRetry
{
    public static async Task OnAnotherReplicaAsync(HttpContext context, Func<Task> next)
    {
        var proxy = context.GetReverseProxyFeature();
        var replicas = proxy.AvailableDestinations;
        var repeatable = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method);
        var tried = new List<DestinationState>();
        while (true)
        {
            await next();
            var error = context.Features.Get<IForwarderErrorFeature>();
            if (!repeatable || error?.Error != ForwarderError.Request || context.Response.HasStarted || proxy.ProxiedDestination is not { } failed)
            {
                return;
            }

            tried.Add(failed);
            var others = replicas.Where(replica => !tried.Contains(replica)).ToList();
            if (others.Count == 0)
            {
                return;
            }

            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            proxy.AvailableDestinations = others;
        }
    }
}
