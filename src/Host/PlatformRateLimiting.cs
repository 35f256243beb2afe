using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.Web;

namespace Monolith.Host;

internal static class PlatformRateLimiting
{
    /// <summary>
    /// Login and registration: a fixed window per client address (<c>RateLimits:Authentication:*</c>).
    /// Every other anonymous request: a fixed window per client address (<c>RateLimits:Requests:*</c>), so a flood
    /// without credentials costs no database work. Authenticated callers are counted by their quotas instead
    /// (<see cref="PlatformQuotas"/>: shared by all processes). Both are answered with 429, Retry-After and a problem document.
    /// </summary>
    public static IServiceCollection AddPlatformRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("RateLimits:Authentication:PermitLimit", 10);
        var window = TimeSpan.FromSeconds(configuration.GetValue("RateLimits:Authentication:WindowSeconds", 60));
        var requestPermits = configuration.GetValue("RateLimits:Requests:PermitLimit", 600);
        var requestWindow = TimeSpan.FromSeconds(configuration.GetValue("RateLimits:Requests:WindowSeconds", 60));

        services.AddRateLimiter(options =>
        {
            options.AddPolicy(RateLimitPolicies.Authentication, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));

            // Runs after authentication: a user's requests are their quotas' business. Health probes come from the platform.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/health") || context.User.Identity?.IsAuthenticated == true
                    ? RateLimitPartition.GetNoLimiter("counted-elsewhere")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        "address:" + ClientAddress(context),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = requestPermits, Window = requestWindow, QueueLimit = 0 }));

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

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
