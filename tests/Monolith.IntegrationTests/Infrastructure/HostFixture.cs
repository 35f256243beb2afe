namespace Monolith.IntegrationTests.Infrastructure;

/// <summary>One host for the whole "host" collection, with the test subscriber of the Users events.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    private MonolithFactory? _factory;

    public MonolithFactory Factory => _factory ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync() => _factory = await MonolithFactory.StartAsync(new TestHostOptions { RecordUserEvents = true });

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "host";
}
