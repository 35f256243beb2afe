using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Web;
using Monolith.Modules.Users.Contracts;
using Wolverine;

namespace Monolith.Host;

/// <summary>
/// Validates "Bearer sk-…" API keys by asking the Users module, wherever it runs (remembered for a few seconds while
/// nothing is revoked: <see cref="CallerCheck"/>). A key's expiry is checked here on every request, against this
/// process's clock, so a cached answer cannot outlive it; an expired key is a 401 that says so.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, CallerCheck callers,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private const string ExpiredAtItem = "expired-at";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }

        var key = header[prefix.Length..].Trim();
        var caller = await callers.IdentifyAsync(Context, CallerCache.ApiKey(key),
            // The bus (a message context per request scope) only when Users is asked: a cached caller needs none.
            () => Context.RequestServices.GetRequiredService<IMessageBus>().InvokeAsync<CallerIdentity>(new AuthenticateApiKey(key), Context.RequestAborted));
        if (caller.ExpiresAt is { } expiresAt && expiresAt <= clock.GetUtcNow())
        {
            var properties = new AuthenticationProperties();
            properties.Items[ExpiredAtItem] = expiresAt.ToString("O", CultureInfo.InvariantCulture);
            return AuthenticateResult.Fail("Expired API key.", properties);
        }

        Context.Features.Set(caller);
        return caller.Authenticated
            ? AuthenticateResult.Success(new AuthenticationTicket(CallerPrincipal.Create(caller, SchemeName), SchemeName))
            : AuthenticateResult.Fail("Unknown or revoked API key.");
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.Properties?.Items.TryGetValue(ExpiredAtItem, out var expiredAt) != true)
        {
            await base.HandleChallengeAsync(properties);
            return;
        }

        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\", error_description=\"The API key has expired\"";
        await ProblemResponse.WriteAsync(Context, new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Type = ProblemTypes.For("api-key-expired"),
            Title = "API key expired",
            Detail = $"This API key expired at {expiredAt}. Create a new key.",
        });
    }
}
