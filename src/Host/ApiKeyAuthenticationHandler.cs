using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Monolith.Modules.Users.Contracts;
using Wolverine;

namespace Monolith.Host;

/// <summary>Validates "Bearer sk-…" API keys by asking the Users module, wherever it runs (remembered for a few seconds where it runs elsewhere: <see cref="CallerCache"/>).</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IMessageBus bus, CallerCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }

        var key = header[prefix.Length..].Trim();
        var caller = await cache.GetOrCheckAsync(CallerCache.ApiKey(key),
            () => bus.InvokeAsync<CallerIdentity>(new AuthenticateApiKey(key), Context.RequestAborted));
        Context.Features.Set(caller);
        return caller.Authenticated
            ? AuthenticateResult.Success(new AuthenticationTicket(CallerPrincipal.Create(caller, SchemeName), SchemeName))
            : AuthenticateResult.Fail("Unknown or revoked API key.");
    }
}
