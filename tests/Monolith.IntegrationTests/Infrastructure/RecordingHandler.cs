using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Monolith.IntegrationTests.Infrastructure;

/// <summary>Records the JSON bodies a client (e.g. the OpenAI SDK, through <see cref="Client"/>) sends, then passes them on.</summary>
public sealed class RecordingHandler : DelegatingHandler
{
    private readonly ConcurrentQueue<JsonObject> _bodies = new();

    public RecordingHandler()
        : base(new HttpClientHandler())
    {
        Client = new HttpClient(this, disposeHandler: false);
    }

    public HttpClient Client { get; }

    public IReadOnlyList<JsonObject> Bodies => _bodies.ToList();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            _bodies.Enqueue(JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken))!.AsObject());
        }

        return await base.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Client.Dispose();
        }

        base.Dispose(disposing);
    }
}
