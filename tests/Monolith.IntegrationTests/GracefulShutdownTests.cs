using System.Diagnostics;
using System.Globalization;
using System.Net;
using Monolith.IntegrationTests.Extraction;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Search;
using Xunit.Abstractions;

namespace Monolith.IntegrationTests;

/// <summary>The host stopped as an orchestrator stops it (SIGTERM): first not ready, still serving, then gone (ADR 25).</summary>
public sealed class GracefulShutdownTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_stopping_host_reports_not_ready_and_still_serves_before_it_exits()
    {
        await using var shape = await PlatformShape.StartAsync(["Users", "Embeddings", "Search", "Chat"]);
        using var client = shape.Gateway.CreateClient();
        var clock = Stopwatch.StartNew();
        var exited = shape.Gateway.StopAsync(TimeSpan.FromSeconds(60));

        var notReady = await SearchApi.EventuallyAsync(async () =>
        {
            try
            {
                using var ready = await client.GetAsync("/health/ready");
                return ready.StatusCode == HttpStatusCode.ServiceUnavailable;
            }
            catch (HttpRequestException)
            {
                return false; // no longer listening: the drain did not happen
            }
        }, TimeSpan.FromSeconds(10));
        Assert.True(notReady, "/health/ready never answered 503 after the SIGTERM.");
        var unreadyAfter = clock.Elapsed;

        // Not ready, yet serving: a request routed in the meantime is answered, not refused, and its connection is
        // closed after it, so none is left idle for the listener's close to race.
        using (var registered = await client.RegisterAsync(Api.NewEmail()))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            Assert.True(registered.Headers.ConnectionClose, "A response while draining kept its connection open.");
        }

        var servedAfter = clock.Elapsed;

        Assert.Equal(0, await exited);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"After the SIGTERM: not ready at {unreadyAfter.TotalSeconds:F1} s, a registration answered at {servedAfter.TotalSeconds:F1} s, exited at {clock.Elapsed.TotalSeconds:F1} s."));
    }
}
