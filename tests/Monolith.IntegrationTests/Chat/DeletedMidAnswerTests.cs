using System.Net;
using Monolith.IntegrationTests.Infrastructure;
using static Monolith.IntegrationTests.Chat.ChatApi;
using static Monolith.IntegrationTests.Chat.ChatUpstreamFixture;

namespace Monolith.IntegrationTests.Chat;

/// <summary>
/// A streamed answer whose conversation or account is deleted while it streams cannot be stored: its next checkpoint
/// loses the race (409 when not streamed). The stream ends with an "error" event carrying that 409 problem and then
/// ends cleanly; it used to be cut off without its end chunk ("response ended prematurely").
/// </summary>
[Collection(ChatUpstreamCollection.Name)]
public sealed class DeletedMidAnswerTests(ChatUpstreamFixture fixture)
{
    private readonly MonolithFactory _factory = fixture.Factory;
    private readonly string _id = Guid.NewGuid().ToString("N");

    [Theory]
    [InlineData("conversation")]
    [InlineData("account")]
    public async Task Deleting_mid_answer_ends_the_stream_with_a_409_error_event(string deleted)
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var conversationId = await client.CreateConversationIdAsync(new { model = PatientModel });

        using var response = await client.PostMessageStreamingAsync(conversationId, $"{FakeChatUpstream.SlowMarker} {_id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var events = new List<SseEvent>();
        await foreach (var sse in EventsAsync(stream))
        {
            events.Add(sse);
            if (events.Count == 3) // the answer is stored (its first checkpoint) and streaming
            {
                using var deletion = await client.DeleteAsync(deleted == "conversation" ? Conversation(conversationId) : "/api/v1/users/me");
                Assert.Equal(HttpStatusCode.NoContent, deletion.StatusCode);
            }
        }

        Assert.True(events.Count < FakeChatUpstream.SlowTokens.Count, "the answer should have stopped when it could no longer be stored");
        Assert.All(events[..^1], sse => Assert.Equal("delta", sse.Name));
        Assert.Equal("error", events[^1].Name);
        var problem = events[^1].Json;
        Assert.Equal(409, problem["status"]!.GetValue<int>());
        Assert.Equal(Problem.TypeBase + "conflict", problem["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
    }
}
