using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Monolith.Host;

/// <summary>
/// The scheme of a request the gateway forwards to a module in another process: that process authenticates it, so
/// here it stays anonymous and costs no caller check (a database round trip; ADR 64). Its quotas and limits are
/// counted there too.
/// </summary>
internal sealed class ForwardedRequestAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Forwarded";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
}
