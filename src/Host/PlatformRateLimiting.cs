using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.Web;

namespace Monolith.Host;

internal static class PlatformRateLimiting
{
    /// <summary>
    /// Anonymous requests: a fixed window per client address (<c>RateLimits:Requests:*</c>), so a flood without
    /// credentials costs no database work; answered with 429, Retry-After and a problem document. Authenticated callers
    /// are counted by their quotas instead (<see cref="PlatformQuotas"/>: shared by all processes, ADR 46). Logins and
    /// registrations are throttled by what they do, in Users (ADR 43).
    /// </summary>
    public static IServiceCollection AddPlatformRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var requestPermits = configuration.GetValue("RateLimits:Requests:PermitLimit", 600);
        var requestWindow = TimeSpan.FromSeconds(configuration.GetValue("RateLimits:Requests:WindowSeconds", 60));

        services.AddRateLimiter(options =>
        {
            // Runs after authentication: a user's requests are their quotas' business. Health probes come from the platform;
            // a request the gateway forwards is limited by the module's process, which sees the client's address too.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/health") || context.User.Identity?.IsAuthenticated == true || PlatformGateway.Forwards(context)
                    ? RateLimitPartition.GetNoLimiter("counted-elsewhere")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        "address:" + ClientAddress(context),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = requestPermits, Window = requestWindow, QueueLimit = 0 }));

            options.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : requestWindow;
                return new ValueTask(ProblemResponse.WriteAsync(context.HttpContext, new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Type = ProblemTypes.For("rate-limited"),
                    Title = "Too many requests",
                    Detail = $"Try again in {RetryAfterHeader.Seconds(retryAfter)} s.",
                }, retryAfter));
            };
        });
        return services;
    }

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
