using System.Diagnostics;
using System.Text;
using Monolith.IntegrationTests.Chat;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Search;
using Xunit.Abstractions;

namespace Monolith.IntegrationTests.Faults;

/// <summary>
/// The host (its own process) is killed with SIGKILL while it streams an answer from a slow upstream model;
/// started again on the same database, the conversation holds the question and the answer as far as it had
/// been streamed, marked incomplete. No shutdown code runs, so only what was written ahead survives.
/// </summary>
public sealed class ChatCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Model = "slow";

    /// <summary>How often the Chat module brings a streaming answer's stored text up to date (PostMessageHandler).</summary>
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(1);

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), $"monolith-chat-crash-{Guid.NewGuid():N}");
    private readonly List<HostProcess> _hosts = [];
    private FakeChatUpstream? _upstream;
    private TestDatabase? _database;

    private FakeChatUpstream Upstream => _upstream ?? throw new InvalidOperationException("No upstream.");

    private TestDatabase Database => _database ?? throw new InvalidOperationException("No database.");

    public async Task InitializeAsync()
    {
        _upstream = await FakeChatUpstream.StartAsync();
        _database = await TestDatabase.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }

        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }

    [Fact]
    public async Task An_answer_streaming_when_the_host_is_killed_is_kept_incomplete_with_the_text_streamed_so_far()
    {
        var port = HostProcess.FreePort();
        var first = await StartHostAsync(port);
        var token = await first.NewUserTokenAsync();
        using var client = first.CreateClient(token);
        var conversationId = await client.CreateConversationIdAsync(new { title = "crash", model = Model });
        var question = $"Tell me slowly {FakeChatUpstream.SlowMarker}";

        // Read a few deltas, note the text so far, keep reading for longer than a checkpoint interval
        // (every delta the answer had then must be stored by the time of the kill), then kill mid-stream.
        using var response = await client.PostMessageStreamingAsync(conversationId, question);
        var received = new StringBuilder();
        string? noted = null;
        var sinceNoted = new Stopwatch();
        await using (var stream = await response.Content.ReadAsStreamAsync())
        {
            await foreach (var sse in ChatApi.EventsAsync(stream))
            {
                Assert.Equal("delta", sse.Name);
                received.Append(sse.Json["content"]!.GetValue<string>());
                if (noted is null && received.Length >= FakeChatUpstream.SlowTokens.Take(5).Sum(t => t.Length))
                {
                    noted = received.ToString();
                    sinceNoted.Start();
                }

                if (sinceNoted.Elapsed > (2 * CheckpointInterval) + (2 * FakeChatUpstream.SlowTokenInterval))
                {
                    first.Kill();
                    break;
                }
            }
        }

        Assert.NotNull(noted);
        Assert.True(received.Length < FakeChatUpstream.SlowAnswer.Length, "the answer finished before the kill");

        var second = await StartHostAsync(port);
        using var again = second.CreateClient(token);
        var messages = ChatApi.MessagesOf(await again.GetConversationAsync(conversationId));
        Assert.Equal(["user", "assistant"], messages.Select(m => m["role"]!.GetValue<string>()));
        Assert.Equal(question, messages[0]["content"]!.GetValue<string>());
        var answer = messages[1];
        var stored = answer["content"]!.GetValue<string>();
        output.WriteLine($"{noted.Length} characters noted, {received.Length} received by the client at the kill, {stored.Length} stored.");
        Assert.True(answer["incomplete"]!.GetValue<bool>());
        Assert.Equal(Model, answer["model"]!.GetValue<string>());
        Assert.StartsWith(noted, stored, StringComparison.Ordinal);
        Assert.StartsWith(stored, FakeChatUpstream.SlowAnswer, StringComparison.Ordinal);
        Assert.True(stored.Length < FakeChatUpstream.SlowAnswer.Length);

        // The restarted host answers in the same conversation, after the interrupted answer.
        Assert.NotNull(await again.AskAsync(conversationId, "And now briefly?"));
        Assert.Equal(4, ChatApi.MessagesOf(await again.GetConversationAsync(conversationId)).Count);
    }

    private async Task<HostProcess> StartHostAsync(int port)
    {
        var host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = Database.ConnectionString,
            ["DataPath"] = _dataPath,
            [$"Chat__Models__{Model}__BaseUrl"] = Upstream.BaseUrl,
            [$"Chat__Models__{Model}__ApiKey"] = "upstream-key",
            [$"Chat__Models__{Model}__MaxRetries"] = "0",
        }, port);
        _hosts.Add(host);
        return host;
    }
}
