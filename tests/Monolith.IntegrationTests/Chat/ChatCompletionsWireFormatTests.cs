using System.Net;
using System.Text.Json.Nodes;
using static Monolith.IntegrationTests.Chat.ChatApi;

namespace Monolith.IntegrationTests.Chat;

/// <summary><c>/v1/chat/completions</c> on the wire, as OpenAI clients parse it.</summary>
[Collection(ChatHostCollection.Name)]
public sealed class ChatCompletionsWireFormatTests(ChatHostFixture host)
{
    private readonly ChatLibrary _library = host.Library;

    [Fact]
    public async Task A_completion_is_an_OpenAI_chat_completion_with_our_citations()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        using var response = await _library.Client.PostCompletionAsync(BeeRequest(stream: false));

        var body = await ReadOkJsonAsync(response);
        Assert.StartsWith("chatcmpl-", body["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("chat.completion", body["object"]!.GetValue<string>());
        Assert.InRange(body["created"]!.GetValue<long>(), before, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(Extractive, body["model"]!.GetValue<string>());
        var choice = Assert.Single(body["choices"]!.AsArray())!.AsObject();
        Assert.Equal(0, choice["index"]!.GetValue<int>());
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());
        Assert.Equal("assistant", choice["message"]!["role"]!.GetValue<string>());
        var content = choice["message"]!["content"]!.GetValue<string>();
        Assert.Contains(ChatDocuments.BeeQuote, content, StringComparison.Ordinal);
        AssertUsage(body["usage"]!.AsObject());
        Assert.True(body.ContainsKey("system_fingerprint"), "system_fingerprint is missing");
        Assert.True(choice.ContainsKey("logprobs") && choice["logprobs"] is null, "logprobs: null is missing");
        Assert.True(choice["message"]!.AsObject().ContainsKey("refusal") && choice["message"]!["refusal"] is null, "message.refusal: null is missing");

        var citations = body["citations"]!.AsArray().Select(item => item!.AsObject()).ToList();
        Assert.Equal(MarkersIn(content).Distinct().Order(), citations.Select(citation => citation["number"]!.GetValue<int>()).Order());
        Assert.All(citations, citation => Assert.Equal(_library.DocumentId(ChatDocuments.Bees), citation["documentId"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task A_stream_is_chunks_with_finish_reason_null_until_the_last_one_then_a_usage_chunk_then_DONE()
    {
        using var whole = await _library.Client.PostCompletionAsync(BeeRequest(stream: false));
        var expected = (await ReadOkJsonAsync(whole))["choices"]![0]!["message"]!["content"]!.GetValue<string>();
        var request = BeeRequest(stream: true);
        request["stream_options"] = new JsonObject { ["include_usage"] = true };

        using var response = await _library.Client.PostCompletionAsync(request);
        var events = await ReadEventStreamAsync(response);

        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.All(events, sse => Assert.Null(sse.Name));
        Assert.Equal("[DONE]", events[^1].Data);
        Assert.Single(events, sse => sse.Data == "[DONE]");
        var chunks = events[..^1].Select(sse => sse.Json).ToList();
        AssertChunkEnvelopes(chunks);

        var usageChunk = chunks[^1];
        Assert.Empty(usageChunk["choices"]!.AsArray());
        AssertUsage(usageChunk["usage"]!.AsObject());

        var withChoices = chunks[..^1];
        Assert.True(withChoices.Count > 3, $"Only {withChoices.Count} chunks: the answer was not streamed.");
        var choices = withChoices.Select(chunk => Assert.Single(chunk["choices"]!.AsArray())!.AsObject()).ToList();
        Assert.All(choices, choice => Assert.Equal(0, choice["index"]!.GetValue<int>()));
        Assert.Equal("assistant", choices[0]["delta"]!["role"]!.GetValue<string>());
        Assert.All(choices[..^1], choice => Assert.Null(choice["finish_reason"]));
        Assert.Equal("stop", choices[^1]["finish_reason"]!.GetValue<string>());
        Assert.All(withChoices, chunk => Assert.True(chunk.ContainsKey("usage") && chunk["usage"] is null, "usage: null is missing"));
        Assert.All(chunks, chunk => Assert.True(chunk.ContainsKey("system_fingerprint"), "system_fingerprint is missing"));
        Assert.Equal(expected, string.Concat(choices.Select(choice => choice["delta"]?["content"]?.GetValue<string>())));

        // The last chunk with a choice carries our citations, as the whole completion does.
        var citations = withChoices[^1]["citations"]!.AsArray();
        Assert.NotEmpty(citations);
        Assert.All(citations, citation => Assert.Equal(_library.DocumentId(ChatDocuments.Bees), citation!["documentId"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task Without_include_usage_no_chunk_carries_usage_and_DONE_still_ends_the_stream()
    {
        using var response = await _library.Client.PostCompletionAsync(new JsonObject
        {
            ["model"] = Extractive,
            ["stream"] = true,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = ChatDocuments.BeeQuestion }),
        });
        var events = await ReadEventStreamAsync(response);

        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events[..^1].Select(sse => sse.Json).ToList();
        AssertChunkEnvelopes(chunks);
        Assert.All(chunks, chunk => Assert.Single(chunk["choices"]!.AsArray()));
        Assert.All(chunks, chunk => Assert.False(chunk.ContainsKey("usage"), "usage must be absent without include_usage"));
        Assert.All(chunks[..^1], chunk => Assert.Null(chunk["choices"]![0]!["finish_reason"]));
        Assert.Equal("stop", chunks[^1]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Contains(NoCollections, string.Concat(chunks.Select(chunk => chunk["choices"]![0]!["delta"]?["content"]?.GetValue<string>())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Content_parts_and_a_stop_sequence_are_honoured()
    {
        var request = BeeRequest(stream: false);
        request["messages"] = new JsonArray(new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = ChatDocuments.BeeQuestion }),
        });
        request["stop"] = " [";

        using var response = await _library.Client.PostCompletionAsync(request);

        var body = await ReadOkJsonAsync(response);
        var content = body["choices"]![0]!["message"]!["content"]!.GetValue<string>();
        Assert.Contains(ChatDocuments.BeeQuote, content, StringComparison.Ordinal);
        Assert.DoesNotContain(" [", content, StringComparison.Ordinal);
        Assert.Empty(body["citations"]!.AsArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_answer_cut_by_max_tokens_finishes_with_length(bool stream)
    {
        var request = BeeRequest(stream);
        request["max_tokens"] = 5;

        using var response = await _library.Client.PostCompletionAsync(request);

        string content;
        string finishReason;
        if (stream)
        {
            var chunks = (await ReadEventStreamAsync(response))[..^1].Select(sse => sse.Json).ToList();
            content = string.Concat(chunks.Select(chunk => chunk["choices"]![0]!["delta"]?["content"]?.GetValue<string>()));
            finishReason = chunks[^1]["choices"]![0]!["finish_reason"]!.GetValue<string>();
        }
        else
        {
            var choice = (await ReadOkJsonAsync(response))["choices"]![0]!;
            content = choice["message"]!["content"]!.GetValue<string>();
            finishReason = choice["finish_reason"]!.GetValue<string>();
        }

        Assert.InRange(content.Length, 1, 5 * 4); // about four characters a token
        Assert.Equal("length", finishReason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task An_answer_cut_by_max_tokens_reports_that_many_completion_tokens(int maxTokens)
    {
        var request = BeeRequest(stream: false);
        request["max_tokens"] = maxTokens;

        using var response = await _library.Client.PostCompletionAsync(request);

        var body = await ReadOkJsonAsync(response);
        Assert.Equal("length", body["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal(maxTokens, body["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("max_tokens")]
    [InlineData("max_completion_tokens")]
    public async Task A_token_limit_far_above_the_answer_leaves_it_whole(string parameter)
    {
        // int.MaxValue tokens once overflowed the characters-per-token estimate into a negative length: a 500.
        var request = BeeRequest(stream: false);
        request[parameter] = int.MaxValue;

        using var response = await _library.Client.PostCompletionAsync(request);

        var body = await ReadOkJsonAsync(response);
        Assert.Equal("stop", body["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    public static TheoryData<string, string?, string> SuppliedContextPrompts => new()
    {
        // LangChain's hub "rlm/rag-prompt", all in the user message.
        { "langchain", null, $"You are an assistant for question-answering tasks. Use the following pieces of retrieved context to answer the question.\nQuestion: {ChatDocuments.BeeQuestion} \nContext: {ChatDocuments.Saturn.Text}\n\n{ChatDocuments.Bees.Text} \nAnswer:" },
        // LlamaIndex's default text QA template, with its system prompt.
        { "llamaindex", "You are an expert Q&A system that is trusted around the world.", $"Context information is below.\n---------------------\n{ChatDocuments.Saturn.Text}\n\n{ChatDocuments.Bees.Text}\n---------------------\nGiven the context information and not prior knowledge, answer the query.\nQuery: {ChatDocuments.BeeQuestion}\nAnswer: " },
        // The passages in the system prompt, the question alone.
        { "system", $"Answer from this context:\n\n{ChatDocuments.Saturn.Text}\n\n{ChatDocuments.Bees.Text}", ChatDocuments.BeeQuestion },
    };

    [Theory]
    [MemberData(nameof(SuppliedContextPrompts))]
    public async Task Without_collections_the_extractive_model_quotes_and_cites_passages_supplied_in_the_prompt(string style, string? system, string user)
    {
        var messages = new JsonArray();
        if (system is not null)
        {
            messages.Add(new JsonObject { ["role"] = "system", ["content"] = system });
        }

        messages.Add(new JsonObject { ["role"] = "user", ["content"] = user });

        using var response = await _library.Client.PostCompletionAsync(new JsonObject { ["model"] = Extractive, ["messages"] = messages });

        var body = await ReadOkJsonAsync(response);
        var content = body["choices"]![0]!["message"]!["content"]!.GetValue<string>();
        Assert.True(content.Contains(ChatDocuments.BeeQuote, StringComparison.Ordinal), $"{style}: {content}");
        var citation = Assert.Single(body["citations"]!.AsArray())!;
        Assert.Contains(ChatDocuments.BeeQuote, citation["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains($"[{citation["number"]!.GetValue<int>()}]", content, StringComparison.Ordinal);
    }

    internal static JsonObject BeeRequest(bool stream, Guid collectionId) => new()
    {
        ["model"] = Extractive,
        ["stream"] = stream,
        ["messages"] = new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = "Answer from the sources." },
            new JsonObject { ["role"] = "user", ["content"] = ChatDocuments.BeeQuestion }),
        ["collection_ids"] = new JsonArray(collectionId.ToString()),
    };

    private JsonObject BeeRequest(bool stream) => BeeRequest(stream, _library.CollectionId);

    private static async Task<JsonObject> ReadOkJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Every chunk: object chat.completion.chunk, one id (chatcmpl-…), one created, the model.</summary>
    private static void AssertChunkEnvelopes(List<JsonObject> chunks)
    {
        Assert.NotEmpty(chunks);
        var id = chunks[0]["id"]!.GetValue<string>();
        Assert.StartsWith("chatcmpl-", id, StringComparison.Ordinal);
        var created = chunks[0]["created"]!.GetValue<long>();
        Assert.All(chunks, chunk =>
        {
            Assert.Equal("chat.completion.chunk", chunk["object"]!.GetValue<string>());
            Assert.Equal(id, chunk["id"]!.GetValue<string>());
            Assert.Equal(created, chunk["created"]!.GetValue<long>());
            Assert.Equal(Extractive, chunk["model"]!.GetValue<string>());
        });
    }

    private static void AssertUsage(JsonObject usage)
    {
        var prompt = usage["prompt_tokens"]!.GetValue<int>();
        var completion = usage["completion_tokens"]!.GetValue<int>();
        Assert.True(prompt > 0, $"prompt_tokens {prompt}");
        Assert.True(completion > 0, $"completion_tokens {completion}");
        Assert.Equal(prompt + completion, usage["total_tokens"]!.GetValue<int>());
    }
}
