using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Monolith.BuildingBlocks.Web;

/// <summary>
/// The one way a wait becomes <c>Retry-After</c> (rate limits, quotas, login throttling, outages): whole seconds rounded
/// up, at least 1, so a client that honours it never retries into the window that refused it.
/// </summary>
public static class RetryAfterHeader
{
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public static void Set(IHeaderDictionary headers, TimeSpan wait) =>
        headers.RetryAfter = Seconds(wait).ToString(CultureInfo.InvariantCulture);
}
