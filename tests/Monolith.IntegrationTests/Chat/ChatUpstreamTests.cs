using System.ClientModel;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Monolith.IntegrationTests.Embeddings;
using Monolith.IntegrationTests.Infrastructure;
using OpenAI;
using OpenAI.Chat;
using static Monolith.IntegrationTests.Chat.ChatApi;
using static Monolith.IntegrationTests.Chat.ChatUpstreamFixture;

namespace Monolith.IntegrationTests.Chat;

/// <summary>
/// A configured OpenAI-compatible chat model, called through Microsoft.Extensions.AI's OpenAI adapter, against
/// <see cref="FakeChatUpstream"/>: the prompt that reaches it, how its answer reaches our clients, its failures, and cancellation.
/// </summary>
[Collection(ChatUpstreamCollection.Name)]
public sealed partial class ChatUpstreamTests(ChatUpstreamFixture fixture)
{
    private static readonly TimeSpan AbortTimeout = TimeSpan.FromSeconds(10);

    private readonly MonolithFactory _factory = fixture.Factory;
    private readonly FakeChatUpstream _upstream = fixture.Upstream;
    private readonly ChatLibrary _library = fixture.Library;
    private readonly string _id = Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_conversation_sends_the_numbered_sources_and_the_history_upstream_and_keeps_the_cited_answer()
    {
        var conversationId = await _library.Client.CreateConversationIdAsync(new { model = Model, collectionIds = new[] { _library.CollectionId } });
        var firstQuestion = $"{ChatDocuments.BeeQuestion} ({_id} first)";

        var answer = await _library.Client.AskAsync(conversationId, firstQuestion);

        var call = Assert.Single(_upstream.CallsWith(firstQuestion));
        Assert.Equal($"Bearer {UpstreamApiKey}", call.Authorization);
        Assert.Equal(UpstreamModel, call.Model);
        Assert.Equal(["system", "user"], call.Messages.Select(message => message.Role));
        Assert.Equal(firstQuestion, call.Messages[^1].Content);
        var system = call.Messages[0].Content;
        Assert.StartsWith("You are a helpful assistant.", system, StringComparison.Ordinal);
        var numbers = SourceHeader().Matches(system).Select(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(numbers);
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        Assert.Contains($"\n\n[1] {ChatDocuments.Bees.Title}\n{ChatDocuments.Bees.Text}", system, StringComparison.Ordinal);

        Assert.Equal(FakeChatUpstream.Answer, answer["content"]!.GetValue<string>());
        Assert.Equal(Model, answer["model"]!.GetValue<string>());
        Assert.False(answer["incomplete"]!.GetValue<bool>());
        var citation = Assert.Single(Citations(answer)); // [9] numbers no source
        Assert.Equal(1, citation["number"]!.GetValue<int>());
        Assert.Equal(_library.DocumentId(ChatDocuments.Bees), citation["documentId"]!.GetValue<Guid>());
        Assert.Equal(ChatDocuments.Bees.Text, citation["text"]!.GetValue<string>());
        AssertUpstreamUsage(answer["usage"]!.AsObject(), "promptTokens", "completionTokens", "totalTokens");

        // Streamed: the upstream's tokens arrive one by one; the history goes up with the next question.
        var secondQuestion = $"How long do worker bees live? ({_id} second)";
        var events = await _library.Client.AskStreamingAsync(conversationId, secondQuestion);

        Assert.Equal(FakeChatUpstream.AnswerTokens, events[..^1].Select(sse => sse.Json["content"]!.GetValue<string>()));
        Assert.Equal("message", events[^1].Name);
        var streamed = events[^1].Json;
        Assert.Equal(FakeChatUpstream.Answer, streamed["content"]!.GetValue<string>());
        Assert.Equal(1, Assert.Single(Citations(streamed))["number"]!.GetValue<int>());
        var second = Assert.Single(_upstream.CallsWith(secondQuestion));
        Assert.Equal(["system", "user", "assistant", "user"], second.Messages.Select(message => message.Role));
        Assert.Equal([firstQuestion, FakeChatUpstream.Answer, secondQuestion], second.Messages.Skip(1).Select(message => message.Content));
    }

    [Fact]
    public async Task The_OpenAI_endpoint_relays_the_upstream_stream_with_sources_and_only_the_newest_history_that_fits()
    {
        var history = Enumerable.Range(0, 20)
            .Select(i => new UpstreamMessage(i % 2 == 0 ? "user" : "assistant", $"h{i:00} {_id} " + string.Concat(Enumerable.Repeat("filler text ", 15))))
            .ToList();
        var question = $"{ChatDocuments.BeeQuestion} ({_id})";
        var messages = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = $"Custom prompt {_id}." });
        foreach (var message in history)
        {
            messages.Add(new JsonObject { ["role"] = message.Role, ["content"] = message.Content });
        }

        messages.Add(new JsonObject { ["role"] = "user", ["content"] = question });

        using var response = await _library.Client.PostCompletionAsync(new JsonObject
        {
            ["model"] = Model,
            ["stream"] = true,
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
            ["messages"] = messages,
            ["collection_ids"] = new JsonArray(_library.CollectionId.ToString()),
        });
        var events = await ReadEventStreamAsync(response);

        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events[..^1].Select(sse => sse.Json).ToList();
        Assert.All(chunks, chunk => Assert.Equal(Model, chunk["model"]!.GetValue<string>()));
        var deltas = chunks[..^1].Select(chunk => chunk["choices"]![0]!["delta"]?["content"]?.GetValue<string>()).Where(text => !string.IsNullOrEmpty(text));
        Assert.Equal(FakeChatUpstream.AnswerTokens, deltas);
        Assert.Equal("stop", chunks[^2]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Empty(chunks[^1]["choices"]!.AsArray());
        AssertUpstreamUsage(chunks[^1]["usage"]!.AsObject(), "prompt_tokens", "completion_tokens", "total_tokens");

        var call = Assert.Single(_upstream.CallsWith(question));
        Assert.Equal("system", call.Messages[0].Role);
        Assert.StartsWith($"Custom prompt {_id}.\n\nSources:", call.Messages[0].Content, StringComparison.Ordinal);
        Assert.Contains($"\n\n[1] {ChatDocuments.Bees.Title}\n{ChatDocuments.Bees.Text}", call.Messages[0].Content, StringComparison.Ordinal);
        Assert.Equal(new UpstreamMessage("user", question), call.Messages[^1]);

        // The newest messages that fit the context window (minus the answer's share) are kept, in order; older ones are dropped.
        var kept = call.Messages.Skip(1).SkipLast(1).ToList();
        Assert.InRange(kept.Count, 2, history.Count - 2);
        Assert.Equal(history[^kept.Count..], kept);
        var budget = ContextTokens - MaxAnswerTokens;
        var sent = call.Messages.Sum(message => Tokens(message.Content));
        Assert.True(sent <= budget, $"{sent} tokens sent, {budget} allowed");
        Assert.True(sent + Tokens(history[^(kept.Count + 1)].Content) > budget, "One more history message would have fit.");
    }

    [Fact]
    public async Task Upstream_failures_are_502_and_timeouts_504_in_OpenAIs_shape_streamed_or_not()
    {
        async Task<HttpResponseMessage> CompleteAsync(string marker, bool stream) => await _library.Client.PostCompletionAsync(new JsonObject
        {
            ["model"] = ImpatientModel,
            ["stream"] = stream,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"{marker} {_id} {stream}" }),
        });

        var clock = Stopwatch.StartNew();
        var responses = await Task.WhenAll(
            CompleteAsync(FakeChatUpstream.ServerErrorMarker, false),
            CompleteAsync(FakeChatUpstream.ServerErrorMarker, true),
            CompleteAsync(FakeChatUpstream.HangMarker, false),
            CompleteAsync(FakeChatUpstream.HangMarker, true));
        var elapsed = clock.Elapsed;

        try
        {
            foreach (var failed in responses[..2])
            {
                var error = await OpenAiError.AssertAsync(failed, HttpStatusCode.BadGateway, "server_error", code: "upstream_error");
                Assert.Contains("HTTP 500", OpenAiError.MessageOf(error), StringComparison.Ordinal);
            }

            foreach (var timedOut in responses[2..])
            {
                await OpenAiError.AssertAsync(timedOut, HttpStatusCode.GatewayTimeout, "server_error", code: "upstream_timeout");
            }
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }

        Assert.True(elapsed < TimeSpan.FromSeconds(TimeoutSeconds * 4), $"Took {elapsed}: the configured timeout of {TimeoutSeconds} s was not applied.");
        Assert.Equal(2, _upstream.CallsWith(FakeChatUpstream.ServerErrorMarker + " " + _id).Count); // no retries configured
        var hung = _upstream.CallsWith(FakeChatUpstream.HangMarker + " " + _id);
        Assert.Equal(2, hung.Count);
        await Task.WhenAll(hung.Select(call => call.Aborted.Task)).WaitAsync(AbortTimeout);
    }

    [Fact]
    public async Task Upstream_failures_are_502_and_timeouts_504_problems_on_conversations()
    {
        var conversationId = await _library.Client.CreateConversationIdAsync(new { model = ImpatientModel });

        using var failed = await _library.Client.PostMessageAsync(conversationId, $"{FakeChatUpstream.ServerErrorMarker} {_id} json");
        using var failedStream = await _library.Client.PostMessageStreamingAsync(conversationId, $"{FakeChatUpstream.ServerErrorMarker} {_id} sse");
        using var timedOut = await _library.Client.PostMessageAsync(conversationId, $"{FakeChatUpstream.HangMarker} {_id}");

        await Problem.AssertAsync(failed, HttpStatusCode.BadGateway, "upstream-error", "Upstream model failed");
        await Problem.AssertAsync(failedStream, HttpStatusCode.BadGateway, "upstream-error", "Upstream model failed");
        await Problem.AssertAsync(timedOut, HttpStatusCode.GatewayTimeout, "upstream-timeout", "Upstream model timed out");

        // The questions are kept; no answer is complete.
        var messages = MessagesOf(await _library.Client.GetConversationAsync(conversationId));
        Assert.Equal(3, messages.Count(message => message["role"]!.GetValue<string>() == "user"));
        Assert.All(messages.Where(message => message["role"]!.GetValue<string>() == "assistant"), answer => Assert.True(answer["incomplete"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task An_upstream_that_stalls_mid_stream_ends_the_stream_with_an_error_event_and_the_partial_answer_is_kept()
    {
        var conversationId = await _library.Client.CreateConversationIdAsync(new { model = ImpatientModel });
        var completion = _library.Client.PostCompletionAsync(new JsonObject
        {
            ["model"] = ImpatientModel,
            ["stream"] = true,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"{FakeChatUpstream.StallMarker} {_id} completion" }),
        });

        var events = await _library.Client.AskStreamingAsync(conversationId, $"{FakeChatUpstream.StallMarker} {_id}");

        Assert.Equal(FakeChatUpstream.StallTokens, events[..^1].Select(sse => sse.Json["content"]!.GetValue<string>()));
        Assert.Equal("error", events[^1].Name);
        Assert.Equal(504, events[^1].Json["status"]!.GetValue<int>());

        // On /v1 the error is a data event in OpenAI's error shape (as before the stream started), then [DONE].
        using var completed = await completion;
        var data = (await ReadEventStreamAsync(completed)).Select(sse => sse.Data).ToList();
        Assert.Equal("[DONE]", data[^1]);
        var error = JsonNode.Parse(data[^2])!.AsObject();
        Assert.Equal(["error"], error.Select(member => member.Key));
        Assert.Equal(["code", "message", "param", "type"], error["error"]!.AsObject().Select(member => member.Key).Order(StringComparer.Ordinal));
        Assert.Equal("server_error", error["error"]!["type"]!.GetValue<string>());
        Assert.Equal("upstream_timeout", error["error"]!["code"]!.GetValue<string>());
        var streamedText = data[..^2].Select(item => JsonNode.Parse(item)!["choices"]![0]!["delta"]?["content"]?.GetValue<string>());
        Assert.Equal(FakeChatUpstream.StalledAnswer, string.Concat(streamedText));
        var answer = MessagesOf(await _library.Client.GetConversationAsync(conversationId))[^1];
        Assert.Equal("assistant", answer["role"]!.GetValue<string>());
        Assert.Equal(FakeChatUpstream.StalledAnswer, answer["content"]!.GetValue<string>());
        Assert.True(answer["incomplete"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData(FakeChatUpstream.HugeMarker)]
    [InlineData(FakeChatUpstream.HugeChunkedMarker)]
    public async Task A_huge_upstream_completion_is_502_in_OpenAIs_shape_and_on_conversations_once_the_bound_is_passed(string marker)
    {
        var question = $"{marker} {_id}";
        var conversationId = await _library.Client.CreateConversationIdAsync(new { model = Model });

        using var completion = await _library.Client.PostCompletionAsync(new JsonObject
        {
            ["model"] = Model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"{question} completion" }),
        });
        using var message = await _library.Client.PostMessageAsync(conversationId, $"{question} conversation");

        // 502s, not the 504s the 2 s timeout would give: the bound stopped the reading, not the clock.
        var error = await OpenAiError.AssertAsync(completion, HttpStatusCode.BadGateway, "server_error", code: "upstream_error");
        Assert.Contains($"exceeded {MaxResponseBytes} bytes", OpenAiError.MessageOf(error), StringComparison.Ordinal);
        var problem = await Problem.AssertAsync(message, HttpStatusCode.BadGateway, "upstream-error", "Upstream model failed");
        Assert.Contains($"exceeded {MaxResponseBytes} bytes", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertLittleServedAsync(question, calls: 2);
    }

    [Fact]
    public async Task An_endless_upstream_stream_is_cut_at_the_bound_with_an_error_event_and_the_partial_answer_is_kept()
    {
        var question = $"{FakeChatUpstream.HugeMarker} {_id}";
        var conversationId = await _library.Client.CreateConversationIdAsync(new { model = Model });
        var completion = _library.Client.PostCompletionAsync(new JsonObject
        {
            ["model"] = Model,
            ["stream"] = true,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"{question} completion" }),
        });

        var events = await _library.Client.AskStreamingAsync(conversationId, $"{question} conversation");

        Assert.Equal("error", events[^1].Name);
        Assert.Equal(502, events[^1].Json["status"]!.GetValue<int>());
        Assert.Contains($"exceeded {MaxResponseBytes} bytes", events[^1].Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var streamed = string.Concat(events[..^1].Select(sse => sse.Json["content"]!.GetValue<string>()));
        Assert.StartsWith("ha ha ", streamed, StringComparison.Ordinal);
        var answer = MessagesOf(await _library.Client.GetConversationAsync(conversationId))[^1];
        Assert.Equal("assistant", answer["role"]!.GetValue<string>());
        Assert.Equal(streamed, answer["content"]!.GetValue<string>());
        Assert.True(answer["incomplete"]!.GetValue<bool>());

        // On /v1 the error is a data event in OpenAI's error shape, then [DONE].
        using var completed = await completion;
        var data = (await ReadEventStreamAsync(completed)).Select(sse => sse.Data).ToList();
        Assert.Equal("[DONE]", data[^1]);
        var error = JsonNode.Parse(data[^2])!["error"]!;
        Assert.Equal("upstream_error", error["code"]!.GetValue<string>());
        Assert.Contains($"exceeded {MaxResponseBytes} bytes", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertLittleServedAsync(question, calls: 2);
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_answer_cancels_the_upstream_call_and_the_partial_answer_is_kept_incomplete()
    {
        var conversationId = await _library.Client.CreateConversationIdAsync(new { model = PatientModel });
        var question = $"{FakeChatUpstream.StallMarker} {_id}";

        using (var client = DisconnectingClient())
        {
            using var response = await client.PostMessageStreamingAsync(conversationId, question);
            var received = await ReadUntilAsync(response, FakeChatUpstream.StalledAnswer, sse => sse.Json["content"]?.GetValue<string>());
            Assert.Equal(FakeChatUpstream.StalledAnswer, received);
        }

        var call = Assert.Single(_upstream.CallsWith(question));
        await call.Aborted.Task.WaitAsync(AbortTimeout);

        JsonObject? answer = null;
        Assert.True(await EventuallyAsync(async () =>
        {
            var messages = MessagesOf(await _library.Client.GetConversationAsync(conversationId));
            answer = messages.Count == 2 ? messages[1] : null;
            return answer is not null;
        }, AbortTimeout), "The interrupted answer was not kept.");
        Assert.Equal("assistant", answer!["role"]!.GetValue<string>());
        Assert.Equal(FakeChatUpstream.StalledAnswer, answer["content"]!.GetValue<string>());
        Assert.Equal(PatientModel, answer["model"]!.GetValue<string>());
        Assert.True(answer["incomplete"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_client_that_disconnects_from_a_completion_stream_cancels_the_upstream_call()
    {
        var question = $"{FakeChatUpstream.StallMarker} {_id}";

        using (var client = DisconnectingClient())
        {
            using var response = await client.PostCompletionAsync(new JsonObject
            {
                ["model"] = PatientModel,
                ["stream"] = true,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = question }),
            });
            var received = await ReadUntilAsync(response, FakeChatUpstream.StalledAnswer, sse => sse.Json["choices"]![0]!["delta"]?["content"]?.GetValue<string>());
            Assert.Equal(FakeChatUpstream.StalledAnswer, received);
        }

        await Assert.Single(_upstream.CallsWith(question)).Aborted.Task.WaitAsync(AbortTimeout);
    }

    [Fact]
    public async Task The_conversations_system_prompt_and_the_request_options_reach_the_upstream()
    {
        var prompt = $"Answer like a pirate {_id}.";
        var conversationId = await _library.Client.CreateConversationIdAsync(new { model = Model, systemPrompt = prompt });
        var question = $"Ahoy? ({_id} conversation)";

        await _library.Client.AskAsync(conversationId, question);

        // No collections: the prompt goes up as it is, without sources.
        Assert.Equal(new UpstreamMessage("system", prompt), Assert.Single(_upstream.CallsWith(question)).Messages[0]);

        using var response = await _library.Client.PostCompletionAsync(new JsonObject
        {
            ["model"] = Model,
            ["temperature"] = 0.25,
            ["max_tokens"] = 42,
            ["stop"] = new JsonArray("END"),
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"Options? ({_id} completion)" }),
        });

        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(Model, body["model"]!.GetValue<string>());
        Assert.Equal(FakeChatUpstream.Answer, body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal("stop", body["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Empty(body["citations"]!.AsArray()); // no sources, so [1] and [9] cite nothing
        AssertUpstreamUsage(body["usage"]!.AsObject(), "prompt_tokens", "completion_tokens", "total_tokens");
        var sent = Assert.Single(_upstream.CallsWith($"({_id} completion)")).Body;
        Assert.Equal(0.25, sent["temperature"]!.GetValue<double>(), 3);
        Assert.Equal(42, (sent["max_completion_tokens"] ?? sent["max_tokens"])!.GetValue<int>());
        Assert.Equal(["END"], sent["stop"]!.AsArray().Select(stop => stop!.GetValue<string>()));
    }

    [Fact]
    public async Task The_fake_upstream_speaks_OpenAIs_wire_format_to_the_official_client()
    {
        var client = new OpenAIClient(new ApiKeyCredential(UpstreamApiKey), new OpenAIClientOptions { Endpoint = new Uri(_upstream.BaseUrl) })
            .GetChatClient(UpstreamModel);

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage($"direct {_id}")]);
        var streamed = new StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage($"streamed {_id}")]))
        {
            streamed.AppendJoin("", update.ContentUpdate.Select(part => part.Text));
            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal(FakeChatUpstream.Answer, Assert.Single(completion.Content).Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(FakeChatUpstream.PromptTokens + FakeChatUpstream.CompletionTokens, completion.Usage.TotalTokenCount);
        Assert.False(Assert.Single(_upstream.CallsWith($"direct {_id}")).Stream);
        Assert.Equal(FakeChatUpstream.Answer, streamed.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Equal(FakeChatUpstream.CompletionTokens, usage?.OutputTokenCount);
        Assert.True(Assert.Single(_upstream.CallsWith($"streamed {_id}")).Stream);
    }

    [Fact]
    public async Task Models_lists_the_configured_chat_models()
    {
        using var response = await _library.Client.GetAsync("/v1/models");

        var models = (await response.ReadJsonAsync())["data"]!.AsArray().Select(model => model!.AsObject()).ToList();
        var fake = Assert.Single(models, model => model["id"]!.GetValue<string>() == Model);
        Assert.Equal("127.0.0.1", fake["owned_by"]!.GetValue<string>());
        Assert.Contains(models, model => model["id"]!.GetValue<string>() == PatientModel);
        Assert.Contains(models, model => model["id"]!.GetValue<string>() == Extractive);
        Assert.Contains(models, model => model["id"]!.GetValue<string>() == EmbeddingsApi.LocalModel);
    }

    /// <summary>
    /// The huge answers to <paramref name="question"/> were given up after little of them was served: beyond the bound
    /// only what the sockets buffered (a few MB on loopback) before the connection closed.
    /// </summary>
    private async Task AssertLittleServedAsync(string question, int calls)
    {
        var upstreamCalls = _upstream.CallsWith(question);
        Assert.Equal(calls, upstreamCalls.Count);
        foreach (var call in upstreamCalls)
        {
            var served = await call.HugeBytesServed.Task.WaitAsync(AbortTimeout);
            Assert.True(served < HugeBody.Bytes / 8, $"{served} of {HugeBody.Bytes} bytes were served before the answer was given up.");
        }
    }

    /// <summary>Our estimate of tokens, as the answerer trims by it: about four characters a token.</summary>
    private static int Tokens(string text) => (text.Length + 3) / 4;

    private static void AssertUpstreamUsage(JsonObject usage, string prompt, string completion, string total)
    {
        Assert.Equal(FakeChatUpstream.PromptTokens, usage[prompt]!.GetValue<int>());
        Assert.Equal(FakeChatUpstream.CompletionTokens, usage[completion]!.GetValue<int>());
        Assert.Equal(FakeChatUpstream.PromptTokens + FakeChatUpstream.CompletionTokens, usage[total]!.GetValue<int>());
    }

    /// <summary>Reads events until their text adds up to <paramref name="expected"/> (or the stream ends) and returns the text.</summary>
    private static async Task<string> ReadUntilAsync(HttpResponseMessage response, string expected, Func<SseEvent, string?> textOf)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var received = new StringBuilder();
        await using var stream = await response.Content.ReadAsStreamAsync();
        await foreach (var sse in EventsAsync(stream))
        {
            received.Append(textOf(sse));
            if (received.Length >= expected.Length)
            {
                break;
            }
        }

        return received.ToString();
    }

    /// <summary>A client of its own whose connection closes as soon as a response is disposed unread (no draining).</summary>
    private HttpClient DisconnectingClient()
    {
        using var probe = _factory.CreateClient();
        var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = probe.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _library.ApiKey);
        return client;
    }

    [GeneratedRegex(@"\n\n\[(\d+)\] ")]
    private static partial Regex SourceHeader();
}
