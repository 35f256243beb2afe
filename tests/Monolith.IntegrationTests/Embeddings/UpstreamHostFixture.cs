using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Embeddings;

/// <summary>
/// A host of its own with two upstream models on <see cref="FakeOpenAiUpstream"/>: "fake" (8 dimensions,
/// shortenable, e5-style prefixes) and "fixed" (8 dimensions, no <c>dimensions</c> parameter, like
/// text-embedding-ada-002), both with one retry and a timeout no busy machine reaches, "fake" with answers bounded to
/// <see cref="MaxResponseBytes"/>, "fixed" to the default bound; "impatient" with a 2 s timeout (for the timeout's
/// test); and "unreachable" on a closed port. Its embeddings body limit is small
/// (<see cref="MaxRequestBodyBytes"/>) so the limit can be tested without megabytes of input.
/// </summary>
public sealed class UpstreamHostFixture : IAsyncLifetime
{
    public const string UpstreamApiKey = "upstream-secret-key";
    public const string UpstreamModel = "fake-embed-v1";
    public const string FixedUpstreamModel = FakeOpenAiUpstream.FixedDimensionsModelPrefix + "-embed-v1";
    public const string QueryPrefix = "query: ";
    public const string DocumentPrefix = "passage: ";
    public const int MaxRequestBodyBytes = 64 * 1024;
    public const long MaxResponseBytes = 256 * 1024;

    /// <summary>The default bound of an 8-dimension model: 2,048 inputs × 8 floats × 24 bytes, plus 1 MiB.</summary>
    public const long DefaultMaxResponseBytes = (2048 * FakeOpenAiUpstream.NativeDimensions * 24) + (1024 * 1024);

    private FakeOpenAiUpstream? _upstream;
    private MonolithFactory? _factory;

    public FakeOpenAiUpstream Upstream => _upstream ?? throw new InvalidOperationException("The upstream has not started.");

    public MonolithFactory Factory => _factory ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync()
    {
        _upstream = await FakeOpenAiUpstream.StartAsync();
        var dimensions = FakeOpenAiUpstream.NativeDimensions.ToString(CultureInfo.InvariantCulture);
        _factory = await MonolithFactory.StartAsync(new TestHostOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["Embeddings:Models:fake:BaseUrl"] = _upstream.BaseUrl,
                ["Embeddings:Models:fake:ApiKey"] = UpstreamApiKey,
                ["Embeddings:Models:fake:Model"] = UpstreamModel,
                ["Embeddings:Models:fake:Dimensions"] = dimensions,
                ["Embeddings:Models:fake:SupportsDimensions"] = "true",
                ["Embeddings:Models:fake:TimeoutSeconds"] = "60", // only the impatient model times out, even on a busy machine
                ["Embeddings:Models:fake:MaxRetries"] = "1",
                ["Embeddings:Models:fake:QueryPrefix"] = QueryPrefix,
                ["Embeddings:Models:fake:DocumentPrefix"] = DocumentPrefix,
                ["Embeddings:Models:fake:MaxResponseBytes"] = MaxResponseBytes.ToString(CultureInfo.InvariantCulture),
                ["Embeddings:Models:impatient:BaseUrl"] = _upstream.BaseUrl,
                ["Embeddings:Models:impatient:ApiKey"] = UpstreamApiKey,
                ["Embeddings:Models:impatient:Model"] = UpstreamModel,
                ["Embeddings:Models:impatient:Dimensions"] = dimensions,
                ["Embeddings:Models:impatient:TimeoutSeconds"] = "2",
                ["Embeddings:Models:impatient:MaxRetries"] = "1",
                ["Embeddings:Models:fixed:BaseUrl"] = _upstream.BaseUrl,
                ["Embeddings:Models:fixed:ApiKey"] = UpstreamApiKey,
                ["Embeddings:Models:fixed:Model"] = FixedUpstreamModel,
                ["Embeddings:Models:fixed:Dimensions"] = dimensions,
                ["Embeddings:Models:fixed:TimeoutSeconds"] = "60",
                ["Embeddings:Models:fixed:MaxRetries"] = "1",
                ["Embeddings:Models:unreachable:BaseUrl"] = $"http://127.0.0.1:{ClosedPort()}/v1",
                ["Embeddings:Models:unreachable:Dimensions"] = dimensions,
                ["Embeddings:Models:unreachable:TimeoutSeconds"] = "2",
                ["Embeddings:Models:unreachable:MaxRetries"] = "1",
                ["Embeddings:Limits:MaxRequestBodyBytes"] = MaxRequestBodyBytes.ToString(CultureInfo.InvariantCulture),
            },
        });
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }
    }

    /// <summary>A loopback port nothing listens on (just released by the OS), so connections are refused at once.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

[CollectionDefinition(Name)]
public sealed class UpstreamHostCollection : ICollectionFixture<UpstreamHostFixture>
{
    public const string Name = "embeddings-upstream";
}
