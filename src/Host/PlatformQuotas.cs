using Monolith.BuildingBlocks.Quotas;
using Monolith.BuildingBlocks.Web;
using Monolith.Modules.Users.Contracts;

namespace Monolith.Host;

/// <summary>
/// Per-user and per-key quotas, counted in PostgreSQL so every process and replica sees the same counts (ADR 46).
/// After authentication each request counts against the caller's meters (requests a minute; on a model call also
/// its kind's requests and tokens) in one statement; a request over a limit is 429 with Retry-After. On <c>/v1</c>
/// every response carries OpenAI's <c>x-ratelimit-*</c> headers. The limits come with the caller's identity (and so
/// are cached with it and dropped with it by the revocation broadcast).
/// </summary>
internal static class PlatformQuotas
{
    public static IServiceCollection AddPlatformQuotas(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddQuotaCounters(configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured."));
        return services;
    }

    public static void UseQuotas(this WebApplication app) => app.Use(async (http, next) =>
    {
        var counters = http.RequestServices.GetRequiredService<QuotaCounters>();
        var quota = http.Features.Get<RequestQuota>(); // counted already with the check of a cached caller (CallerCheck)
        if (quota is null)
        {
            var meters = http.Features.Get<CallerIdentity>() is { } caller ? CallerMeters.ForRequest(http, caller) : [];
            if (meters.Count == 0)
            {
                await next(http);
                return;
            }

            quota = new RequestQuota(counters, await counters.CountAsync(meters, CallerMeters.Amount, http.RequestAborted));
            http.Features.Set(quota);
        }

        var clock = counters.Clock;
        if (OpenAiErrorWriter.IsOpenAiPath(http.Request.Path))
        {
            http.Response.OnStarting(() =>
            {
                RateLimitHeaders.Write(http.Response.Headers, quota, clock.GetUtcNow());
                return Task.CompletedTask;
            });
        }

        if ((quota.ExceededRequests ?? quota.ExhaustedTokens) is { } over)
        {
            throw QuotaProblems.For(over, clock);
        }

        await next(http);
    });
}
