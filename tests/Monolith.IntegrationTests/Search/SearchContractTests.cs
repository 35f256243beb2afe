using Microsoft.Extensions.DependencyInjection;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.Modules.Search.Contracts;
using Wolverine;

namespace Monolith.IntegrationTests.Search;

/// <summary>The contract other modules (Chat) use, through Wolverine's <see cref="IMessageBus"/>, as they would.</summary>
[Collection(SearchHostCollection.Name)]
public sealed class SearchContractTests(SearchHostFixture host)
{
    private readonly MonolithFactory _factory = host.Factory;

    [Fact]
    public async Task SearchCollections_searches_the_users_collections_and_reports_the_others_as_missing()
    {
        var (user, client) = await _factory.NewUserClientAsync();
        var (_, other) = await _factory.NewUserClientAsync();
        using var _ = client;
        using var __ = other;
        var first = await client.CreateCollectionIdAsync("planets");
        var second = await client.CreateCollectionIdAsync("moons");
        var foreign = await other.CreateCollectionIdAsync("someone else's");
        var unknown = Guid.NewGuid();
        var inFirst = await client.AddDocumentAsync(first, new { text = "Saturn's rings are made of countless pieces of ice and rock." });
        var inSecond = await client.AddDocumentAsync(second, new { text = "Titan, Saturn's largest moon, has lakes of liquid methane." });
        var inForeign = await other.AddDocumentAsync(foreign, new { text = "Saturn is the sixth planet from the Sun." });
        await client.WaitForStatusAsync(first, inFirst);
        await client.WaitForStatusAsync(second, inSecond);
        await other.WaitForStatusAsync(foreign, inForeign);

        var results = await InvokeAsync(new SearchCollections(user.Id, [first, second, foreign, unknown], "Saturn"));

        Assert.Equal(new[] { foreign, unknown }.Order(), results.MissingCollectionIds.Order());
        Assert.Equal(new[] { inFirst, inSecond }.Order(), results.Items.Select(hit => hit.DocumentId).Order());
        Assert.Equal(new[] { first, second }.Order(), results.Items.Select(hit => hit.CollectionId).Order());
        Assert.All(results.Items, hit => Assert.InRange(hit.Score, 0.0001, 1));

        // Each mode, topK and a filter work over the contract as over HTTP.
        var vector = await InvokeAsync(new SearchCollections(user.Id, [first, second], "frozen methane lakes on a moon", Mode: "vector", TopK: 1));
        Assert.Equal(inSecond, Assert.Single(vector.Items).DocumentId);
        Assert.Empty(vector.MissingCollectionIds);
        var keyword = await InvokeAsync(new SearchCollections(user.Id, [first, second], "rings", Mode: "keyword"));
        Assert.Equal(inFirst, Assert.Single(keyword.Items).DocumentId);

        // Only someone else's collections: nothing searched, all reported.
        var none = await InvokeAsync(new SearchCollections(user.Id, [foreign], "Saturn"));
        Assert.Empty(none.Items);
        Assert.Equal([foreign], none.MissingCollectionIds);
    }

    private async Task<SearchResults> InvokeAsync(SearchCollections request)
    {
        using var scope = _factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync<SearchResults>(request, timeout: TimeSpan.FromSeconds(30));
    }
}
