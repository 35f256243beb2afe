using System.Net.Http.Json;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.LoadTest;
using Xunit.Abstractions;
using static Monolith.IntegrationTests.Search.SearchApi;

namespace Monolith.IntegrationTests.Faults;

/// <summary>
/// The load test's mix (<c>benchmarks/Monolith.LoadTest</c>, the same <see cref="LoadRun"/>) for 5 s over 16
/// connections: every request must succeed. The 60-second run and its figures are manual (docs/benchmarks.md);
/// nothing here is timed.
/// </summary>
public sealed class LoadSmokeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private MonolithFactory? _factory;

    private MonolithFactory Factory => _factory ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync() => _factory = await MonolithFactory.StartAsync();

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task Five_seconds_of_the_load_mix_over_16_connections_has_no_error()
    {
        var (_, owner) = await Factory.NewUserClientAsync();
        using (owner)
        {
            using var created = await owner.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "load" });
            var apiKey = (await created.ReadJsonAsync())["key"]!.GetValue<string>();
            using var client = Factory.CreateClient(apiKey);
            var collectionId = await client.CreateCollectionIdAsync("load");
            var topics = new[] { "bees", "rivers", "volcanoes", "tides" };
            await client.WaitForIndexedAsync(collectionId,
                await client.AddDocumentsAsync(collectionId, topics.Select(topic => (object)new { text = $"A short note about {topic} and what we know of them." })));

            var load = new LoadRun(client, collectionId, [.. topics.Select(topic => $"what about {topic}?")]);
            var results = await load.RunAsync(connections: 16, TimeSpan.FromSeconds(5));

            output.WriteLine(string.Join("\n", results));
            Assert.True(results.All(r => r.Errors == 0), string.Join("\n", load.FirstErrors));
            Assert.All(results, r => Assert.True(r.Count > 0, $"no {r.Kind} request was sent"));
        }
    }
}
