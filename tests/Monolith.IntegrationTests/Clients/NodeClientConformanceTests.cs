using System.Diagnostics;
using System.Text.Json;
using Monolith.IntegrationTests.Chat;
using Monolith.IntegrationTests.Embeddings;
using Monolith.IntegrationTests.Search;

namespace Monolith.IntegrationTests.Clients;

/// <summary>
/// The npm clients (versions pinned in tests/clients/package-lock.json, installed by test.sh) against this host over
/// HTTP, with the fake upstream as the configured model for tools and structured output. tests/clients/conformance.mjs
/// runs every case once per test run; each client × operation here is one test, so a failure names the client.
/// </summary>
[Collection(ChatUpstreamCollection.Name)]
public sealed class NodeClientConformanceTests(ChatUpstreamFixture fixture)
{
    private static readonly string[] CaseNames =
    [
        "openai-node › models.list",
        "openai-node › models.retrieve",
        "openai-node › embeddings float and base64",
        "openai-node › embeddings batch and token arrays",
        "openai-node › chat.completions with collection_ids and citations",
        "openai-node › chat.completions stream with usage",
        "openai-node › chat tool calling loop (configured model)",
        "openai-node › chat streamed tool-call deltas (configured model)",
        "openai-node › chat structured output json_schema (configured model)",
        "openai-node › extractive model refuses tools",
        "openai-node › errors: unknown model and bad key",
        "openai-node › responses.create",
        "openai-node › responses stream",
        "openai-node › responses stored: retrieve, previous_response_id, delete",
        "openai-node › responses function tool loop (configured model)",
        "ai-sdk › generateText (default: Responses API)",
        "ai-sdk › streamText (Responses API)",
        "ai-sdk › tool calling agent (configured model)",
        "ai-sdk › generateObject json_schema (configured model)",
        "ai-sdk › chat completions model",
    ];

    public static IEnumerable<object[]> Cases => CaseNames.Select(name => new object[] { name });

    private static readonly SemaphoreSlim RunLock = new(1, 1);
    private static Dictionary<string, string>? CachedResults;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_client_operation_works_with_only_base_url_and_key_changed(string clientOperation)
    {
        var results = await ResultsAsync();

        Assert.True(results.TryGetValue(clientOperation, out var outcome), $"conformance.mjs has no case '{clientOperation}'.");
        Assert.True(outcome == "ok", outcome);
    }

    [Fact]
    public async Task The_script_runs_exactly_the_cases_listed_here()
    {
        var results = await ResultsAsync();

        Assert.Equal(CaseNames.Order(StringComparer.Ordinal), results.Keys.Order(StringComparer.Ordinal));
    }

    private async Task<Dictionary<string, string>> ResultsAsync()
    {
        await RunLock.WaitAsync();
        try
        {
            return CachedResults ??= await RunAsync();
        }
        finally
        {
            RunLock.Release();
        }
    }

    private async Task<Dictionary<string, string>> RunAsync()
    {
        var directory = Path.Combine(HostProcess.RepositoryRoot() ?? throw new DirectoryNotFoundException("Monolith.sln not found above the tests."), "tests", "clients");
        Assert.True(Directory.Exists(Path.Combine(directory, "node_modules")), $"The npm clients are not installed: run `npm ci` in {directory} (test.sh does).");
        var library = fixture.Library;
        var start = new ProcessStartInfo("node", ["conformance.mjs"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["MONOLITH_BASE_URL"] = new Uri(library.Client.BaseAddress!, "/v1").ToString(),
                ["MONOLITH_API_KEY"] = library.ApiKey,
                ["MONOLITH_COLLECTION_ID"] = library.CollectionId.ToString(),
                ["MONOLITH_TOOL_MODEL"] = ChatUpstreamFixture.Model,
                ["MONOLITH_EMBEDDING_MODEL"] = EmbeddingsApi.LocalModel,
                ["MONOLITH_BEE_QUESTION"] = ChatDocuments.BeeQuestion,
                ["MONOLITH_BEE_QUOTE"] = ChatDocuments.BeeQuote,
                ["MONOLITH_TOOL_ARGUMENTS"] = FakeChatUpstream.ToolArguments,
                ["MONOLITH_STRUCTURED_ANSWER"] = FakeChatUpstream.StructuredAnswer,
                ["MONOLITH_UPSTREAM_ANSWER"] = FakeChatUpstream.Answer,
            },
        };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"conformance.mjs ran longer than 5 minutes:\n{await output}\n{await errors}");
        }

        var lastLine = (await output).TrimEnd().Split('\n')[^1];
        Assert.True(node.ExitCode == 0 && lastLine.StartsWith('{'), $"node exited with {node.ExitCode}:\n{await output}\n{await errors}");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(lastLine)!;
    }
}
