using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Monolith.Modules.Users.Contracts;
using Wolverine;

namespace Monolith.Host;

/// <summary>Validates "Bearer sk-…" API keys by asking the Users module, wherever it runs.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IMessageBus bus)
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

        var caller = await bus.InvokeAsync<CallerIdentity>(new AuthenticateApiKey(header[prefix.Length..].Trim()), Context.RequestAborted);
        return caller.Authenticated
            ? AuthenticateResult.Success(new AuthenticationTicket(CallerPrincipal.Create(caller, SchemeName), SchemeName))
            : AuthenticateResult.Fail("Unknown or revoked API key.");
    }
}
