using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Search;
using Xunit.Abstractions;

namespace Monolith.IntegrationTests.Extraction;

/// <summary>
/// Users + Chat serve the API; Embeddings + Search run as two replicas behind the gateway. Under a steady load of
/// reads, searches, embeddings and uploads, each replica in turn is stopped as an orchestrator stops it (SIGTERM)
/// and a new one started in its place, the next only once the new one serves: no client request may fail.
/// </summary>
public sealed class RollingRestartTests(ITestOutputHelper output)
{
    private const int Clients = 2;

    [Fact]
    public async Task Restarting_each_replica_in_turn_under_load_fails_no_request()
    {
        await using var shape = await PlatformShape.StartAsync(["Users", "Chat"], ["Embeddings", "Search"], ["Embeddings", "Search"]);
        using var anonymous = shape.Gateway.CreateClient();
        var user = await anonymous.RegisterUserAsync();
        using var client = shape.Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await anonymous.TokenAsync(user));
        var collectionId = await client.CreateCollectionIdAsync("rolling");
        var load = new Load(client, collectionId);
        foreach (var id in await client.AddDocumentsAsync(collectionId, IndexedOnce.Batch(load.NextDocuments(20), 20)))
        {
            load.Accepted.Add(id);
        }

        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(() => load.RunAsync(stop.Token))).ToList();
        var bothBusy = await SearchApi.EventuallyAsync(
            () => Task.FromResult(shape.RequestsAnswered(1) >= 5 && shape.RequestsAnswered(2) >= 5), TimeSpan.FromSeconds(120));
        Assert.True(bothBusy, $"Not both replicas at work: {shape.RequestsAnswered(1)}, {shape.RequestsAnswered(2)}.\n{shape.RecentOutput()}");

        foreach (var replica in new[] { 1, 2 })
        {
            var stopping = Stopwatch.StartNew();
            await shape.StopAsync(replica);
            var stopped = stopping.Elapsed;
            await shape.StartProcessAsync(replica);
            var started = stopping.Elapsed;
            var serving = await SearchApi.EventuallyAsync(() => Task.FromResult(shape.RequestsAnswered(replica) >= 5), TimeSpan.FromSeconds(60));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Replica {replica}: stopped in {stopped.TotalSeconds:F1} s, a new one ready {started.TotalSeconds:F1} s and serving {stopping.Elapsed.TotalSeconds:F1} s after the SIGTERM; {load.Requests} requests so far."));
            Assert.True(serving, $"The new replica {replica} got no requests.\n{shape.RecentOutput()}");
        }

        stop.Cancel();
        await Task.WhenAll(clients);
        output.WriteLine($"{load.Requests} requests, {load.Failures.Count} failed; {load.Accepted.Count} documents accepted.");
        Assert.True(load.Failures.IsEmpty, $"Failed requests:\n{string.Join('\n', load.Failures)}");
        await IndexedOnce.AssertAllAsync(shape, collectionId, load.Accepted.ToList());
    }

    /// <summary>Clients cycling through a read (GET), a keyword search, an embedding and an upload of two documents.</summary>
    private sealed class Load(HttpClient client, Guid collectionId)
    {
        private static readonly string[] Steps = ["read", "search", "embedding", "upload"];
        private int _documents;
        private int _requests;

        public ConcurrentBag<Guid> Accepted { get; } = [];

        public ConcurrentQueue<string> Failures { get; } = new();

        public int Requests => _requests;

        public int NextDocuments(int count) => Interlocked.Add(ref _documents, count) - count;

        public async Task RunAsync(CancellationToken stop)
        {
            var clock = Stopwatch.StartNew();
            for (var step = 0; !stop.IsCancellationRequested; step++)
            {
                var what = Steps[step % Steps.Length];
                Interlocked.Increment(ref _requests);
                try
                {
                    using var response = await SendAsync(what);
                    if (!response.IsSuccessStatusCode)
                    {
                        var problem = await response.Content.ReadAsStringAsync(CancellationToken.None);
                        Failures.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:F1} s: {what} {(int)response.StatusCode} {problem}"));
                    }
                    else if (what == "upload")
                    {
                        var items = (await response.ReadJsonAsync())["items"]!.AsArray();
                        foreach (var item in items)
                        {
                            Accepted.Add(item!["id"]!.GetValue<Guid>());
                        }
                    }
                }
                catch (HttpRequestException e)
                {
                    Failures.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:F1} s: {what} {e.Message}"));
                }
            }
        }

        private Task<HttpResponseMessage> SendAsync(string what) => what switch
        {
            "read" => client.GetAsync(SearchApi.Collections(collectionId), CancellationToken.None),
            "search" => client.PostAsJsonAsync($"{SearchApi.Collections(collectionId)}/search", new { query = "shelf", mode = "keyword" }, CancellationToken.None),
            "embedding" => client.PostAsJsonAsync("/v1/embeddings", new { input = "shelf", model = SearchApi.LocalModel }, CancellationToken.None),
            _ => client.PostAsJsonAsync($"{SearchApi.Documents(collectionId)}/batch", new { documents = IndexedOnce.Batch(NextDocuments(2), 2) }, CancellationToken.None),
        };
    }
}
