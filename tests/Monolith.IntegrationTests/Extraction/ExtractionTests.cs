using Monolith.IntegrationTests.Chat;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Search;
using Xunit.Abstractions;

namespace Monolith.IntegrationTests.Extraction;

/// <summary>
/// The same binary in three shapes, chosen by configuration alone: the monolith; Users + Chat (+ the
/// public API) with Embeddings + Search in a second process; every module in its own process. Across
/// processes, contracts travel over RabbitMQ and HTTP routes through the gateway.
/// </summary>
public sealed class ExtractionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_scenario_gives_the_same_results_in_every_shape()
    {
        ScenarioOutcome monolith, twoProcesses, processPerModule;
        await using (var shape = await PlatformShape.StartAsync(["Users", "Embeddings", "Search", "Chat"]))
        {
            monolith = await EndToEndScenario.RunAsync(shape);
        }

        await using (var shape = await PlatformShape.StartAsync(["Users", "Chat"], ["Embeddings", "Search"]))
        {
            twoProcesses = await EndToEndScenario.RunAsync(shape);
            Assert.Equal(["chat", "embeddings", "search", "users", "wolverine_chat_users", "wolverine_embeddings_search"], await SchemasAsync(shape));
        }

        await using (var shape = await PlatformShape.StartAsync(["Users"], ["Embeddings"], ["Search"], ["Chat"]))
        {
            processPerModule = await EndToEndScenario.RunAsync(shape);
        }

        output.WriteLine($"monolith: {monolith}");
        Assert.Equal("Honey bee communication", monolith.SearchTitles[0]);
        Assert.Equal(["Honey bee communication"], monolith.CitedTitles);
        Assert.Contains(ChatDocuments.BeeQuote, monolith.Answer, StringComparison.Ordinal);
        Assert.Equal(384, monolith.EmbeddingDimensions);
        Assert.Equal(["all-MiniLM-L6-v2", "extractive"], monolith.Models);
        foreach (var outcome in new[] { twoProcesses, processPerModule })
        {
            Assert.Equal(monolith.SearchTitles, outcome.SearchTitles);
            Assert.Equal(monolith.Answer, outcome.Answer);
            Assert.Equal(monolith.CitedTitles, outcome.CitedTitles);
            Assert.Equal(monolith.Models, outcome.Models);
            Assert.Equal(monolith.EmbeddingDimensions, outcome.EmbeddingDimensions);
            Assert.Equal(monolith.RowsLeftAfterDeletion, outcome.RowsLeftAfterDeletion);
        }
    }

    [Fact]
    public async Task A_process_without_every_module_and_without_a_broker_refuses_to_start()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => MonolithFactory.StartAsync(new TestHostOptions
        {
            Settings = new Dictionary<string, string?> { ["Modules:Enabled"] = "Users,Chat" },
        }));
        Assert.Contains("Embeddings, Search run in another process, so Messaging:RabbitMq must be configured", failure.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Each process uses its modules' schemas and its own message store ("wolverine_&lt;modules&gt;"), never the monolith's.</summary>
    private static async Task<List<string>> SchemasAsync(PlatformShape shape) =>
        (await shape.Database.RowsAsync(
            "SELECT schema_name FROM information_schema.schemata WHERE schema_name IN ('users', 'embeddings', 'search', 'chat') OR schema_name LIKE 'wolverine%' ORDER BY 1"))
        .Select(row => (string)row[0]!).ToList();
}
