using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Embeddings;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Search;

namespace Monolith.IntegrationTests.Extraction;

/// <summary>
/// The gateway's Embeddings cluster lists, besides the live replica, one where nothing listens: a replica that
/// stopped or died before the health checks noticed (they run once every ten minutes here, so only the retry can
/// help). Every POST still succeeds: refused a connection, nothing was sent, so the gateway sends it on.
/// </summary>
public sealed class GatewayRetryTests
{
    private const int Requests = 20;

    [Fact]
    public async Task A_post_refused_a_connection_by_one_replica_is_sent_to_another_and_succeeds()
    {
        var nobody = $"http://127.0.0.1:{HostProcess.FreePort()}";
        await using var shape = await PlatformShape.StartAsync(
            new Dictionary<string, string> { ["Modules__Remote__Embeddings"] = nobody, ["Gateway__HealthCheckSeconds"] = "600" },
            ["Users", "Chat", "Search"], ["Embeddings"]);
        using var anonymous = shape.Gateway.CreateClient();
        var user = await anonymous.RegisterUserAsync();
        using var client = shape.Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await anonymous.TokenAsync(user));

        var failures = new List<string>();
        for (var request = 0; request < Requests; request++)
        {
            using var response = await client.PostEmbeddingsAsync(new JsonObject { ["model"] = EmbeddingsApi.LocalModel, ["input"] = $"request {request}" });
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{request}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Requests} failed:\n{string.Join('\n', failures)}\n{shape.RecentOutput()}");
    }
}
