using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.Web;

namespace Monolith.Host;

internal static class PlatformRateLimiting
{
    /// <summary>
    /// Every request: a fixed window per user, or per client address for anonymous callers
    /// (<c>RateLimits:Requests:*</c>), so one caller cannot monopolise the process; answered with 429, Retry-After
    /// and a problem document. Logins and registrations are throttled by what they do, in Users (ADR 43).
    /// </summary>
    public static IServiceCollection AddPlatformRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var requestPermits = configuration.GetValue("RateLimits:Requests:PermitLimit", 600);
        var requestWindow = TimeSpan.FromSeconds(configuration.GetValue("RateLimits:Requests:WindowSeconds", 60));

        services.AddRateLimiter(options =>
        {
            // Runs after authentication, so a user is counted across all their tokens, keys and addresses.
            // Health probes come from the platform, not from callers.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/health")
                    ? RateLimitPartition.GetNoLimiter("health")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        context.User.FindFirst("sub")?.Value is { } userId ? "user:" + userId : "address:" + ClientAddress(context),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = requestPermits, Window = requestWindow, QueueLimit = 0 }));

            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : requestWindow;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Type = ProblemTypes.For("rate-limited"),
                        Title = "Too many requests",
                        Detail = $"Try again in {http.Response.Headers.RetryAfter} s.",
                    },
                });
            };
        });
        return services;
    }

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
