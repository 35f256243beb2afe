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
/// the gateway's cluster. Under a steady load of reads, searches and embeddings, with uploads before and after, one
/// replica is killed (SIGKILL) mid-ingestion and started again. What each replica did is counted from its logs:
/// the requests it answered and the ingestion messages (<see cref="IndexMessage"/>) it took.
/// </summary>
public sealed class ReplicaFailoverTests(ITestOutputHelper output)
{
    private const int BatchSize = 20;
    private const int MaxBatchesBeforeTheKill = 8;
    private const string IndexMessage = "IndexDocument";

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

        // A batch is indexed by the replica that accepted it: batches go through the gateway until both have some.
        var ids = new List<Guid>();
        var batches = 0;
        while (batches < 2 || (batches < MaxBatchesBeforeTheKill && Ingested(shape).Any(count => count == 0)))
        {
            ids.AddRange(await client.AddDocumentsAsync(collectionId, IndexedOnce.Batch(batches++ * BatchSize, BatchSize)));
            await SearchApi.EventuallyAsync(() => Task.FromResult(Ingested(shape).Sum() >= ids.Count), TimeSpan.FromSeconds(5));
        }

        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var load = Task.Run(() => LoadAsync(shape, collectionId, clock, stop.Token));

        // Under way on both: each replica answers requests (the gateway balances) while the documents are indexed.
        var bothBusy = await SearchApi.EventuallyAsync(
            () => Task.FromResult(shape.RequestsAnswered(1) >= 5 && shape.RequestsAnswered(2) >= 5), TimeSpan.FromSeconds(90));
        var killedAt = clock.Elapsed;
        var beforeKill = (shape.RequestsAnswered(1), shape.RequestsAnswered(2));
        var ingestedBeforeKill = Ingested(shape);
        output.WriteLine($"Before the kill, replicas 1 and 2 answered {beforeKill} requests and took {ingestedBeforeKill[0]} and {ingestedBeforeKill[1]} of the {batches} batches' {IndexMessage} messages.");
        Assert.True(bothBusy, $"Not both replicas at work: {beforeKill}.\n{shape.RecentOutput()}");
        Assert.All(ingestedBeforeKill, count => Assert.True(count > 0, $"A replica took no {IndexMessage} in {batches} batches: {string.Join(", ", ingestedBeforeKill)}."));

        // The replica to be killed accepts one more batch just before: it dies with its documents still pending.
        using (var doomed = shape.Process(2).CreateClient())
        {
            doomed.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
            ids.AddRange(await doomed.AddDocumentsAsync(collectionId, IndexedOnce.Batch(batches++ * BatchSize, BatchSize)));
        }

        shape.Kill(2);
        var indexedAtKill = await IndexedOnce.IndexedAsync(shape, collectionId);
        await Task.Delay(TimeSpan.FromSeconds(3));
        ids.AddRange(await client.AddDocumentsAsync(collectionId, IndexedOnce.Batch(batches * BatchSize, BatchSize))); // the survivor takes uploads
        await Task.Delay(FailoverBound);

        await shape.StartProcessAsync(2);
        var restartedAt = clock.Elapsed;
        await Task.Delay(RejoinBound);
        var answeredByRestarted = shape.RequestsAnswered(2);
        stop.Cancel();
        var outcome = await load;

        var readsFailed = outcome.Failures.Count(failure => failure.Read);
        var postsFailed = outcome.Failures.Where(failure => !failure.Read).Select(failure => failure.At).ToList();
        var lastFailure = postsFailed.Count > 0 ? postsFailed.Max() - killedAt : TimeSpan.Zero;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{outcome.Reads} reads ({readsFailed} failed), {outcome.Searches} searches and {outcome.Embeddings} embeddings ({postsFailed.Count} failed, the last {lastFailure.TotalSeconds:F1} s after the kill); {indexedAtKill} of {ids.Count - BatchSize} indexed at the kill; the survivor took {shape.MessagesReceived(1, IndexMessage)} {IndexMessage} messages in all."));
        output.WriteLine($"Replica 2 answered {answeredByRestarted} requests in the {RejoinBound.TotalSeconds} s after its restart.");
        Assert.Equal(0, readsFailed); // retried on the other replica
        Assert.True(lastFailure < FailoverBound, $"Searches still failed {lastFailure.TotalSeconds:F1} s after the kill.\n{shape.RecentOutput()}");
        Assert.DoesNotContain(outcome.Failures, failure => failure.At > restartedAt);
        Assert.True(answeredByRestarted > 0, "The restarted replica got no requests.");

        await IndexedOnce.AssertAllAsync(shape, collectionId, ids);
    }

    private sealed record Failure(bool Read, TimeSpan At);

    private sealed record LoadOutcome(int Reads, int Searches, int Embeddings, IReadOnlyList<Failure> Failures);

    /// <summary>The ingestion messages each replica (processes 1 and 2) has taken.</summary>
    private static int[] Ingested(PlatformShape shape) => [shape.MessagesReceived(1, IndexMessage), shape.MessagesReceived(2, IndexMessage)];

    /// <summary>
    /// In turn, one at a time: a read (GET, repeatable), a keyword search and an embedding (POSTs, not repeated by the
    /// gateway).
    /// </summary>
    private static async Task<LoadOutcome> LoadAsync(PlatformShape shape, Guid collectionId, Stopwatch clock, CancellationToken stop)
    {
        using var anonymous = shape.Gateway.CreateClient();
        var user = await anonymous.RegisterUserAsync();
        using var client = shape.Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await anonymous.TokenAsync(user));
        var ownCollection = await client.CreateCollectionIdAsync("load");
        var failures = new List<Failure>();
        var (reads, searches, embeddings) = (0, 0, 0);
        while (!stop.IsCancellationRequested)
        {
            var turn = (reads + searches + embeddings) % 3;
            var read = turn == 0;
            try
            {
                using var response = turn switch
                {
                    0 => await client.GetAsync(SearchApi.Collections(ownCollection), CancellationToken.None),
                    1 => await client.PostAsJsonAsync($"{SearchApi.Collections(ownCollection)}/search", new { query = "shelf", mode = "keyword" }, CancellationToken.None),
                    _ => await client.PostAsJsonAsync("/v1/embeddings", new { input = "shelf life of honey", model = SearchApi.LocalModel }, CancellationToken.None),
                };
                if (!response.IsSuccessStatusCode)
                {
                    failures.Add(new Failure(read, clock.Elapsed));
                }
            }
            catch (HttpRequestException)
            {
                failures.Add(new Failure(read, clock.Elapsed));
            }

            _ = turn switch
            {
                0 => reads++,
                1 => searches++,
                _ => embeddings++,
            };
        }

        return new LoadOutcome(reads, searches, embeddings, failures);
    }
}
