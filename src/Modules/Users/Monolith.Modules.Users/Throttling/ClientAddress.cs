using Microsoft.AspNetCore.Http;

namespace Monolith.Modules.Users.Throttling;

/// <summary>The client's address as the host believes it (behind trusted proxies: the forwarded one, ADR 20).</summary>
internal static class ClientAddress
{
    public static string Of(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
