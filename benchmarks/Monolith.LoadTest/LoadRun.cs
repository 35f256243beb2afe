using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Monolith.LoadTest;

internal enum RequestKind
{
    /// <summary><c>GET /api/v1/users/me</c>: API key check and one primary-key read.</summary>
    Me,

    /// <summary><c>POST /api/v1/collections/{id}/search</c>, hybrid, top 5, from a pool of queries (their embeddings get cached).</summary>
    Search,

    /// <summary><c>POST /v1/embeddings</c> of one new sentence: the model runs every time.</summary>
    Embeddings,
}

/// <summary>What one kind of request did during a run.</summary>
internal sealed record KindResult(RequestKind Kind, int Count, int Errors, double P50, double P90, double P99, double Max);

/// <summary>
/// A closed loop like wrk's: each of N connections sends its next request as soon as the previous one's body has
/// been read, cycling through Me, Search, Me, Embeddings (half reads, a quarter each of searches and embeddings).
/// </summary>
internal sealed class LoadRun(HttpClient http, Guid collectionId, IReadOnlyList<string> queries)
{
    private static readonly RequestKind[] Cycle = [RequestKind.Me, RequestKind.Search, RequestKind.Me, RequestKind.Embeddings];

    private readonly List<string> _errors = [];
    private long _sentences;

    /// <summary>The first few error descriptions (status and body, or the exception).</summary>
    public IReadOnlyList<string> FirstErrors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public async Task<IReadOnlyList<KindResult>> RunAsync(int connections, TimeSpan duration)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perWorker = await Task.WhenAll(Enumerable.Range(0, connections).Select(worker => Task.Run(() => WorkAsync(worker, until))));
        return [.. Enum.GetValues<RequestKind>().Select(kind =>
        {
            var latencies = perWorker.SelectMany(samples => samples.Where(s => s.Kind == kind)).ToList();
            var ok = latencies.Where(s => s.Ok).Select(s => s.Milliseconds).Order().ToArray();
            return new KindResult(kind, latencies.Count, latencies.Count(s => !s.Ok),
                Percentile(ok, 0.50), Percentile(ok, 0.90), Percentile(ok, 0.99), ok.Length == 0 ? 0 : ok[^1]);
        })];
    }

    private async Task<List<Sample>> WorkAsync(int worker, long until)
    {
        var samples = new List<Sample>(4096);
        for (var i = worker; Stopwatch.GetTimestamp() < until; i++)
        {
            var kind = Cycle[i % Cycle.Length];
            using var request = Request(kind, i);
            var started = Stopwatch.GetTimestamp();
            bool ok;
            try
            {
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsByteArrayAsync();
                ok = response.IsSuccessStatusCode;
                if (!ok)
                {
                    Record($"{kind}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body[..Math.Min(body.Length, 300)])}");
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                ok = false;
                Record($"{kind}: {exception.GetType().Name} {exception.Message}");
            }

            samples.Add(new Sample(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ok));
        }

        return samples;
    }

    private HttpRequestMessage Request(RequestKind kind, int i) => kind switch
    {
        RequestKind.Me => new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/users/me", UriKind.Relative)),
        RequestKind.Search => Post($"/api/v1/collections/{collectionId}/search", new { query = queries[i % queries.Count], topK = 5 }),
        _ => Post("/v1/embeddings", new { input = $"Load test sentence {Interlocked.Increment(ref _sentences)} about {queries[i % queries.Count]}" }),
    };

    private static HttpRequestMessage Post(string path, object body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
    }

    private void Record(string error)
    {
        lock (_errors)
        {
            if (_errors.Count < 10)
            {
                _errors.Add(error);
            }
        }
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private readonly record struct Sample(RequestKind Kind, double Milliseconds, bool Ok);
}
