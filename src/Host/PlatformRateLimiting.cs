using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.Web;

namespace Monolith.Host;

internal static class PlatformRateLimiting
{
    /// <summary>
    /// Login and registration: a fixed window per client address (<c>RateLimits:Authentication:*</c>),
    /// answered with 429, Retry-After and a problem document.
    /// </summary>
    public static IServiceCollection AddPlatformRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("RateLimits:Authentication:PermitLimit", 10);
        var window = TimeSpan.FromSeconds(configuration.GetValue("RateLimits:Authentication:WindowSeconds", 60));

        services.AddRateLimiter(options =>
        {
            options.AddPolicy(RateLimitPolicies.Authentication, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));

            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
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
}
