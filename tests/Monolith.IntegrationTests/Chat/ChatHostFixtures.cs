using System.Globalization;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Chat;

/// <summary>A host with the default configuration (the extractive model answers), and a <see cref="ChatLibrary"/> in it.</summary>
public sealed class ChatHostFixture : IAsyncLifetime
{
    private MonolithFactory? _factory;
    private ChatLibrary? _library;

    public MonolithFactory Factory => _factory ?? throw new InvalidOperationException("The host has not started.");

    public ChatLibrary Library => _library ?? throw new InvalidOperationException("The library has not been created.");

    public async Task InitializeAsync()
    {
        _factory = await MonolithFactory.StartAsync();
        _library = await ChatLibrary.CreateAsync(_factory);
    }

    public async Task DisposeAsync()
    {
        _library?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ChatHostCollection : ICollectionFixture<ChatHostFixture>
{
    public const string Name = "chat";
}

/// <summary>
/// A host with the chat model <see cref="Model"/> on <see cref="FakeChatUpstream"/>: a small context window (so
/// history gets trimmed), no retries (so failures show at once), answers bounded to <see cref="MaxResponseBytes"/>,
/// and a timeout no busy machine reaches; on the same upstream <see cref="ImpatientModel"/> with a short timeout
/// (for the tests of timeouts only), <see cref="PatientModel"/> with a long one; and a <see cref="ChatLibrary"/> in it.
/// </summary>
public sealed class ChatUpstreamFixture : IAsyncLifetime
{
    public const string Model = "fake";
    public const string UpstreamModel = "fake-chat-v1";
    public const string UpstreamApiKey = "chat-upstream-secret";
    public const int ContextTokens = 600;
    public const int MaxAnswerTokens = 100;
    public const int TimeoutSeconds = 2;

    /// <summary>The same upstream and settings with a timeout of <see cref="TimeoutSeconds"/>.</summary>
    public const string ImpatientModel = "fake-impatient";
    public const long MaxResponseBytes = 64 * 1024;

    /// <summary>The same upstream with a long timeout: only the client's disconnect ends a stalled answer.</summary>
    public const string PatientModel = "fake-patient";

    /// <summary>The same upstream configured without tool support.</summary>
    public const string NoToolsModel = "fake-no-tools";

    private FakeChatUpstream? _upstream;
    private MonolithFactory? _factory;
    private ChatLibrary? _library;

    public FakeChatUpstream Upstream => _upstream ?? throw new InvalidOperationException("The upstream has not started.");

    public MonolithFactory Factory => _factory ?? throw new InvalidOperationException("The host has not started.");

    public ChatLibrary Library => _library ?? throw new InvalidOperationException("The library has not been created.");

    public async Task InitializeAsync()
    {
        _upstream = await FakeChatUpstream.StartAsync();
        _factory = await MonolithFactory.StartAsync(new TestHostOptions
        {
            Settings = new Dictionary<string, string?>
            {
                [$"Chat:Models:{Model}:BaseUrl"] = _upstream.BaseUrl,
                [$"Chat:Models:{Model}:ApiKey"] = UpstreamApiKey,
                [$"Chat:Models:{Model}:Model"] = UpstreamModel,
                [$"Chat:Models:{Model}:ContextTokens"] = ContextTokens.ToString(CultureInfo.InvariantCulture),
                [$"Chat:Models:{Model}:MaxAnswerTokens"] = MaxAnswerTokens.ToString(CultureInfo.InvariantCulture),
                [$"Chat:Models:{Model}:TimeoutSeconds"] = "60",
                [$"Chat:Models:{Model}:MaxRetries"] = "0",
                [$"Chat:Models:{Model}:MaxResponseBytes"] = MaxResponseBytes.ToString(CultureInfo.InvariantCulture),
                [$"Chat:Models:{ImpatientModel}:BaseUrl"] = _upstream.BaseUrl,
                [$"Chat:Models:{ImpatientModel}:ApiKey"] = UpstreamApiKey,
                [$"Chat:Models:{ImpatientModel}:Model"] = UpstreamModel,
                [$"Chat:Models:{ImpatientModel}:TimeoutSeconds"] = TimeoutSeconds.ToString(CultureInfo.InvariantCulture),
                [$"Chat:Models:{ImpatientModel}:MaxRetries"] = "0",
                [$"Chat:Models:{PatientModel}:BaseUrl"] = _upstream.BaseUrl,
                [$"Chat:Models:{PatientModel}:ApiKey"] = UpstreamApiKey,
                [$"Chat:Models:{PatientModel}:Model"] = UpstreamModel,
                [$"Chat:Models:{PatientModel}:TimeoutSeconds"] = "60",
                [$"Chat:Models:{PatientModel}:MaxRetries"] = "0",
                [$"Chat:Models:{NoToolsModel}:BaseUrl"] = _upstream.BaseUrl,
                [$"Chat:Models:{NoToolsModel}:Model"] = UpstreamModel,
                [$"Chat:Models:{NoToolsModel}:SupportsTools"] = "false",
            },
        });
        _library = await ChatLibrary.CreateAsync(_factory);
    }

    public async Task DisposeAsync()
    {
        _library?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ChatUpstreamCollection : ICollectionFixture<ChatUpstreamFixture>
{
    public const string Name = "chat-upstream";
}
