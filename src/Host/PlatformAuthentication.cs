using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using Monolith.BuildingBlocks.Security;
using Monolith.Modules.Users.Contracts;
using Wolverine;

namespace Monolith.Host;

/// <summary>
/// "Authorization: Bearer …" carries either a JWT from /auth/token or an API key ("sk-…"), so
/// OpenAI client libraries work with an API key as their key. Both are checked against the Users
/// module through its contracts; the answer is remembered for a few seconds while nothing is revoked
/// (<see cref="CallerCheck"/>), so deleting a user or revoking a key still works at once everywhere.
/// </summary>
internal static class PlatformAuthentication
{
    private const string Selector = "bearer-or-api-key";

    public static IServiceCollection AddPlatformAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var callers = new CallerCache(TimeSpan.FromSeconds(configuration.GetValue("Auth:CallerCache:Seconds", 10)), configuration.GetValue("Auth:CallerCache:Entries", 10_000));
        // Roles and role limits come from configuration (read by Users at each check): a reload asks about every caller again.
        ChangeToken.OnChange(configuration.GetReloadToken, callers.Clear);
        services.AddSingleton(callers);
        services.AddSingleton<CallerCheck>();
        var jwt = JwtSettings.FromConfiguration(configuration);
        services.AddAuthentication(Selector)
            .AddPolicyScheme(Selector, "JWT or API key", options => options.ForwardDefaultSelector = context =>
                PlatformGateway.Forwards(context) ? ForwardedRequestAuthentication.SchemeName
                : context.Request.Headers.Authorization.ToString().StartsWith("Bearer sk-", StringComparison.Ordinal) ? ApiKeyAuthenticationHandler.SchemeName
                : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ForwardedRequestAuthentication>(ForwardedRequestAuthentication.SchemeName, null)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = JwtSettings.Issuer,
                    ValidAudience = JwtSettings.Audience,
                    IssuerSigningKey = jwt.SigningKey,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = "sub",
                    RoleClaimType = "role",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = async context =>
                    {
                        var subject = context.Principal?.FindFirst("sub")?.Value;
                        var callers = context.HttpContext.RequestServices.GetRequiredService<CallerCheck>();
                        // The bus (a message context per request scope) only when Users is asked: a cached caller needs none.
                        var caller = Guid.TryParse(subject, out var userId)
                            ? await callers.IdentifyAsync(context.HttpContext, CallerCache.Subject(userId),
                                () => context.HttpContext.RequestServices.GetRequiredService<IMessageBus>()
                                    .InvokeAsync<CallerIdentity>(new CheckUserActive(userId), context.HttpContext.RequestAborted))
                            : CallerIdentity.Anonymous;
                        if (!caller.Authenticated)
                        {
                            context.Fail("The account behind this token no longer exists.");
                            return;
                        }

                        // Roles (and limits) as of now, not as of login: an admin removed from configuration loses the role at once.
                        context.HttpContext.Features.Set(caller);
                        context.Principal = CallerPrincipal.Create(caller, JwtBearerDefaults.AuthenticationScheme);
                    },
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.AdminPolicy, policy => policy.RequireRole(Roles.Admin));
        return services;
    }
}
