using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Monolith.Host;

/// <summary>
/// A request that failed to reach its replica is sent to another healthy replica, once per replica, so a crash or
/// a stop costs those clients nothing: any request whose connection could not be opened (refused: a replica that
/// stopped listening or died, before the health checks noticed; nothing was sent, its body is unread), and a
/// request whose repeat changes nothing (GET, HEAD, OPTIONS) also when its connection was reset or closed
/// before the response headers. Other requests with a body, and any whose response had started, are not
/// repeated: the replica may have acted on them.
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
            var neverSent = error?.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError };
            if (!(repeatable || neverSent) || error?.Error != ForwarderError.Request || context.Response.HasStarted || proxy.ProxiedDestination is not { } failed)
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
