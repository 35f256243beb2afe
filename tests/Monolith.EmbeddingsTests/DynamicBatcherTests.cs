using System.Collections.Concurrent;
using Monolith.Modules.Embeddings.Models;

namespace Monolith.EmbeddingsTests;

public sealed class DynamicBatcherTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_request_to_an_idle_batcher_runs_on_the_callers_thread()
    {
        var runThreads = new ConcurrentBag<int>();
        using var batcher = new DynamicBatcher(texts => Embed(texts, runThreads), maxBatch: 64);

        var callerThread = Environment.CurrentManagedThreadId;
        var vectors = await batcher.EmbedAsync(["one"], CancellationToken.None);

        Assert.Equal(new[] { 3f }, vectors.Single());
        Assert.Equal([callerThread], runThreads);
    }

    [Fact]
    public async Task Requests_arriving_while_a_run_is_busy_are_merged_into_the_next_run()
    {
        using var gate = new ManualResetEventSlim();
        var runs = new ConcurrentQueue<string[]>();
        using var batcher = new DynamicBatcher(texts =>
        {
            runs.Enqueue([.. texts]);
            if (texts[0] == "first")
            {
                gate.Wait(Timeout);
            }

            return [.. texts.Select(text => new[] { (float)text.Length })];
        }, maxBatch: 64);

        var first = Task.Run(() => batcher.EmbedAsync(["first"], CancellationToken.None));
        Assert.True(SpinWait.SpinUntil(() => !runs.IsEmpty, Timeout));
        var second = batcher.EmbedAsync(["second"], CancellationToken.None);
        var third = batcher.EmbedAsync(["third!"], CancellationToken.None);
        gate.Set();

        Assert.Equal(new[] { 5f }, (await first).Single());
        Assert.Equal(new[] { 6f }, (await second).Single());
        Assert.Equal(new[] { 6f }, (await third).Single());
        Assert.Equal([["first"], ["second", "third!"]], runs.ToArray());
    }

    [Fact]
    public async Task A_failing_run_fails_its_callers_and_the_batcher_keeps_serving()
    {
        using var batcher = new DynamicBatcher(texts => texts[0] == "bad" ? throw new InvalidOperationException("model") : [[1f]], maxBatch: 64);

        await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.EmbedAsync(["bad"], CancellationToken.None));
        Assert.Equal(new[] { 1f }, (await batcher.EmbedAsync(["good"], CancellationToken.None)).Single());
    }

    private static float[][] Embed(IReadOnlyList<string> texts, ConcurrentBag<int> threads)
    {
        threads.Add(Environment.CurrentManagedThreadId);
        return [.. texts.Select(text => new[] { (float)text.Length })];
    }
}
