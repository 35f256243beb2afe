namespace Monolith.Host;

/// <summary>
/// <c>--health</c>: the container's health check. The host binary probes its own <c>/health/ready</c>
/// because runtime images need not have curl (the official chiseled ones have no shell at all).
/// </summary>
internal static class HealthProbe
{
    /// <summary>0 when /health/ready answers 200 within five seconds, else 1 (what Docker's HEALTHCHECK expects).</summary>
    public static async Task<int> RunAsync(string? urls)
    {
        var target = ReadyUri(urls);
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var response = await client.GetAsync(target);
            await Console.Out.WriteLineAsync($"{target}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Console.Out.WriteLineAsync($"{target}: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// /health/ready on the first URL the host listens on (ASPNETCORE_URLS), reached over loopback:
    /// wildcard hosts (+, *, 0.0.0.0, [::]) bind every interface, loopback included.
    /// </summary>
    public static Uri ReadyUri(string? urls)
    {
        var first = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault() ?? "http://127.0.0.1:8080";
        var wildcard = first.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://[::1]", StringComparison.Ordinal);
        return new Uri(new Uri(wildcard), "/health/ready");
    }
}
