namespace Monolith.Host;

internal static class SecurityHeaders
{
    /// <summary>An API serves no pages to frame or sniff; the Scalar UI needs its own script, so no CSP here.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        await next();
    });
}
