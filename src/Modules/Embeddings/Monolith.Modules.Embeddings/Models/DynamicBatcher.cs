using System.Threading.Channels;

namespace Monolith.Modules.Embeddings.Models;

/// <summary>
/// Combines concurrent requests into one inference run, as text-embeddings-inference does: while a
/// batch runs, newly arriving requests queue up and the next run takes all of them (up to a limit).
/// There is no waiting window, so a lone request is never delayed. One inference at a time (ONNX Runtime
/// already spreads each run over every core): when none is running and nothing is queued, the caller runs
/// its texts itself, with no hand-off to the runner thread and back; otherwise its texts queue for the runner.
/// </summary>
internal sealed class DynamicBatcher : IDisposable
{
    private readonly Channel<Job> _queue = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<string>, float[][]> _embed;
    private readonly int _maxBatch;
    private readonly Task _runner;

    // Held by whoever runs an inference: the runner thread or a caller that found the batcher idle.
    private readonly SemaphoreSlim _running = new(1, 1);

    public DynamicBatcher(Func<IReadOnlyList<string>, float[][]> embed, int maxBatch)
    {
        _embed = embed;
        _maxBatch = Math.Max(1, maxBatch);
        _runner = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        if (texts.Count == 0)
        {
            return Task.FromResult(Array.Empty<float[]>());
        }

        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_queue.Reader.Completion.IsCompleted, this);
        if (!_queue.Reader.TryPeek(out _) && _running.Wait(0, CancellationToken.None))
        {
            try
            {
                return Task.FromResult(_embed(texts));
            }
            catch (Exception exception)
            {
                return Task.FromException<float[][]>(exception);
            }
            finally
            {
                _running.Release();
            }
        }

        var job = new Job(texts, new TaskCompletionSource<float[][]>(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(job), this);

        return job.Done.Task.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _runner.Wait(TimeSpan.FromSeconds(10));
        _running.Dispose();
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Job>();
        while (await reader.WaitToReadAsync())
        {
            await _running.WaitAsync();
            batch.Clear();
            var texts = 0;
            while (reader.TryPeek(out var next) && (batch.Count == 0 || texts + next.Texts.Count <= _maxBatch))
            {
                reader.TryRead(out next);
                if (next!.CancellationToken.IsCancellationRequested)
                {
                    next.Done.TrySetCanceled(next.CancellationToken);
                    continue;
                }

                batch.Add(next);
                texts += next.Texts.Count;
            }

            try
            {
                if (batch.Count > 0)
                {
                    Run(batch);
                }
            }
            finally
            {
                _running.Release();
            }
        }
    }

    private void Run(List<Job> batch)
    {
        try
        {
            var all = batch.Count == 1 ? batch[0].Texts : batch.SelectMany(job => job.Texts).ToList();
            var vectors = _embed(all);
            var offset = 0;
            foreach (var job in batch)
            {
                job.Done.TrySetResult(vectors[offset..(offset + job.Texts.Count)]);
                offset += job.Texts.Count;
            }
        }
        catch (Exception exception)
        {
            foreach (var job in batch)
            {
                job.Done.TrySetException(exception);
            }
        }
    }

    private sealed record Job(IReadOnlyList<string> Texts, TaskCompletionSource<float[][]> Done, CancellationToken CancellationToken);
}
