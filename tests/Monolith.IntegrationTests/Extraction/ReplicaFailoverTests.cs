using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Search;
using Xunit.Abstractions;

namespace Monolith.IntegrationTests.Extraction;

/// <summary>
/// Users + Chat serve the API; Embeddings + Search run as two replicas (balanced over one message store) behind
/// the gateway's cluster. Under a steady load of reads and searches, with uploads before and after, one replica
/// is killed (SIGKILL) mid-ingestion and started again.
/// </summary>
public sealed class ReplicaFailoverTests(ITestOutputHelper output)
{
    private const int BatchSize = 20;

    // Two failed health checks 2 s apart, each allowed 4 s, plus slack for a loaded machine.
    private static readonly TimeSpan FailoverBound = TimeSpan.FromSeconds(15);

    // A restarted replica is healthy again at its first good active check (2 s), or when YARP's passive check lets it
    // back in (10 s).
    private static readonly TimeSpan RejoinBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Killing_one_of_two_search_replicas_under_load_loses_and_doubles_nothing()
    {
        await using var shape = await PlatformShape.StartAsync(["Users", "Chat"], ["Embeddings", "Search"], ["Embeddings", "Search"]);
        using var anonymous = shape.Gateway.CreateClient();
        var user = await anonymous.RegisterUserAsync();
        using var client = shape.Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await anonymous.TokenAsync(user));
        var collectionId = await client.CreateCollectionIdAsync("replicas");

        var ids = await client.AddDocumentsAsync(collectionId, IndexedOnce.Batch(0, BatchSize));
        ids.AddRange(await client.AddDocumentsAsync(collectionId, IndexedOnce.Batch(BatchSize, BatchSize)));

        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var load = Task.Run(() => LoadAsync(shape, collectionId, clock, stop.Token));

        // Under way on both: each replica answers requests (the gateway balances) while the documents are indexed.
        var bothBusy = await SearchApi.EventuallyAsync(
            () => Task.FromResult(shape.RequestsAnswered(1) >= 5 && shape.RequestsAnswered(2) >= 5), TimeSpan.FromSeconds(90));
        var killedAt = clock.Elapsed;
        var beforeKill = (shape.RequestsAnswered(1), shape.RequestsAnswered(2));
        output.WriteLine($"Before the kill, replicas 1 and 2 answered {beforeKill} requests.");
        Assert.True(bothBusy, $"Not both replicas at work: {beforeKill}.\n{shape.RecentOutput()}");
        shape.Kill(2);
        var indexedAtKill = await IndexedOnce.IndexedAsync(shape, collectionId);
        await Task.Delay(TimeSpan.FromSeconds(3));
        ids.AddRange(await client.AddDocumentsAsync(collectionId, IndexedOnce.Batch(2 * BatchSize, BatchSize))); // the survivor takes uploads
        await Task.Delay(FailoverBound);

        await shape.StartProcessAsync(2);
        var restartedAt = clock.Elapsed;
        await Task.Delay(RejoinBound);
        var answeredByRestarted = shape.RequestsAnswered(2);
        stop.Cancel();
        var outcome = await load;

        var readsFailed = outcome.Failures.Count(failure => failure.Read);
        var searchesFailed = outcome.Failures.Where(failure => !failure.Read).Select(failure => failure.At).ToList();
        var lastFailure = searchesFailed.Count > 0 ? searchesFailed.Max() - killedAt : TimeSpan.Zero;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{outcome.Reads} reads ({readsFailed} failed), {outcome.Searches} searches ({searchesFailed.Count} failed, the last {lastFailure.TotalSeconds:F1} s after the kill); {indexedAtKill} of {ids.Count - BatchSize} indexed at the kill."));
        output.WriteLine($"Replica 2 answered {answeredByRestarted} requests in the {RejoinBound.TotalSeconds} s after its restart.");
        Assert.Equal(0, readsFailed); // retried on the other replica
        Assert.True(lastFailure < FailoverBound, $"Searches still failed {lastFailure.TotalSeconds:F1} s after the kill.\n{shape.RecentOutput()}");
        Assert.DoesNotContain(outcome.Failures, failure => failure.At > restartedAt);
        Assert.True(answeredByRestarted > 0, "The restarted replica got no requests.");

        await IndexedOnce.AssertAllAsync(shape, collectionId, ids);
    }

    private sealed record Failure(bool Read, TimeSpan At);

    private sealed record LoadOutcome(int Reads, int Searches, IReadOnlyList<Failure> Failures);

    /// <summary>Alternating reads (GET, repeatable) and keyword searches (POST, not repeated by the gateway), one at a time.</summary>
    private static async Task<LoadOutcome> LoadAsync(PlatformShape shape, Guid collectionId, Stopwatch clock, CancellationToken stop)
    {
        using var anonymous = shape.Gateway.CreateClient();
        var user = await anonymous.RegisterUserAsync();
        using var client = shape.Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await anonymous.TokenAsync(user));
        var ownCollection = await client.CreateCollectionIdAsync("load");
        var failures = new List<Failure>();
        var (reads, searches) = (0, 0);
        while (!stop.IsCancellationRequested)
        {
            var read = (reads + searches) % 2 == 0;
            try
            {
                using var response = read
                    ? await client.GetAsync(SearchApi.Collections(ownCollection), CancellationToken.None)
                    : await client.PostAsJsonAsync($"{SearchApi.Collections(ownCollection)}/search", new { query = "shelf", mode = "keyword" }, CancellationToken.None);
                if (!response.IsSuccessStatusCode)
                {
                    failures.Add(new Failure(read, clock.Elapsed));
                }
            }
            catch (HttpRequestException)
            {
                failures.Add(new Failure(read, clock.Elapsed));
            }

            if (read)
            {
                reads++;
            }
            else
            {
                searches++;
            }
        }

        return new LoadOutcome(reads, searches, failures);
    }
}
