using System.Globalization;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Search;

/// <summary>
/// One host for the Search tests, with small document, batch, file and evaluation limits (so the limits are tested
/// without megabytes of input) and an upstream model "broken" on a port nothing listens on (port 9),
/// whose every embedding call fails at once: documents of its collections can never be indexed.
/// </summary>
public sealed class SearchHostFixture : IAsyncLifetime
{
    public const int MaxDocumentCharacters = 30_000;
    public const int MaxBatchDocuments = 10;
    public const int MaxFileBytes = 4 * 1024 * 1024;
    public const int MaxFieldBytes = 16 * 1024;
    public const int MaxEvaluationQueries = 5;
    public const int MaxJudgmentsPerQuery = 4;
    public const string BrokenModel = "broken";
    public const int BrokenDimensions = 8;

    private MonolithFactory? _factory;

    public MonolithFactory Factory => _factory ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync() => _factory = await MonolithFactory.StartAsync(new TestHostOptions
    {
        Settings = new Dictionary<string, string?>
        {
            ["Search:Limits:MaxDocumentCharacters"] = MaxDocumentCharacters.ToString(CultureInfo.InvariantCulture),
            ["Search:Limits:MaxBatchDocuments"] = MaxBatchDocuments.ToString(CultureInfo.InvariantCulture),
            ["Search:Files:MaxFileBytes"] = MaxFileBytes.ToString(CultureInfo.InvariantCulture),
            ["Search:Files:MaxFieldBytes"] = MaxFieldBytes.ToString(CultureInfo.InvariantCulture),
            ["Search:Limits:MaxEvaluationQueries"] = MaxEvaluationQueries.ToString(CultureInfo.InvariantCulture),
            ["Search:Limits:MaxJudgmentsPerQuery"] = MaxJudgmentsPerQuery.ToString(CultureInfo.InvariantCulture),
            [$"Embeddings:Models:{BrokenModel}:BaseUrl"] = "http://127.0.0.1:9/v1",
            [$"Embeddings:Models:{BrokenModel}:Dimensions"] = BrokenDimensions.ToString(CultureInfo.InvariantCulture),
            [$"Embeddings:Models:{BrokenModel}:MaxRetries"] = "0",
            [$"Embeddings:Models:{BrokenModel}:TimeoutSeconds"] = "1",
        },
    });

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SearchHostCollection : ICollectionFixture<SearchHostFixture>
{
    public const string Name = "search";
}
