using System.Globalization;
using Monolith.IntegrationTests.Embeddings;

namespace Monolith.IntegrationTests.Extraction;

/// <summary>
/// Chat serves the public API and forwards the rest: Users in a process of its own, Embeddings + Search in another,
/// all trusting 127.0.0.1 as their proxy (the test as an ingress in front of the gateway; the gateway in front of
/// the modules). Callers are cached for a minute where Users runs elsewhere, so only the revocation broadcast can
/// end a key's use within a second. The "slow" embedding model's upstream times out after 1 s on a hang marker.
/// </summary>
public sealed class GatewayShapeFixture : IAsyncLifetime
{
    public const int LoginAddressFailures = 20;
    public const string SlowModel = "slow";

    private FakeOpenAiUpstream? _upstream;
    private PlatformShape? _shape;

    public PlatformShape Shape => _shape ?? throw new InvalidOperationException("The shape has not started.");

    public async Task InitializeAsync()
    {
        _upstream = await FakeOpenAiUpstream.StartAsync();
        _shape = await PlatformShape.StartAsync(
            new Dictionary<string, string>
            {
                ["ForwardedHeaders__TrustedProxies"] = "127.0.0.1",
                ["RateLimits__Login__AddressFailures"] = LoginAddressFailures.ToString(CultureInfo.InvariantCulture),
                ["Auth__CallerCache__Seconds"] = "60",
                [$"Embeddings__Models__{SlowModel}__BaseUrl"] = _upstream.BaseUrl,
                [$"Embeddings__Models__{SlowModel}__Dimensions"] = FakeOpenAiUpstream.NativeDimensions.ToString(CultureInfo.InvariantCulture),
                [$"Embeddings__Models__{SlowModel}__TimeoutSeconds"] = "1",
                [$"Embeddings__Models__{SlowModel}__MaxRetries"] = "0",
            },
            ["Chat"], ["Users"], ["Embeddings", "Search"]);
    }

    public async Task DisposeAsync()
    {
        if (_shape is not null)
        {
            await _shape.DisposeAsync();
        }

        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }
    }
}
