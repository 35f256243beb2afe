namespace Monolith.Benchmarks;

/// <summary>
/// One way of turning a batch of texts into embeddings, timed on each workload: median seconds per batch.
/// A subject owns its set-up (pre-tokenising, a client) so that only the batch call is timed.
/// </summary>
internal sealed record Subject(string Name, Func<Workload, Task<double>> SecondsPerBatch);
