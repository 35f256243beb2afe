using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Chat;

/// <summary>One server-sent event: its <c>event:</c> name (null when none) and its <c>data:</c>.</summary>
public sealed record SseEvent(string? Name, string Data)
{
    public JsonObject Json => JsonNode.Parse(Data)!.AsObject();
}

/// <summary>Helpers over the Chat HTTP API (<c>/api/v1/conversations</c>, <c>/v1/chat/completions</c>) and the collections it answers from.</summary>
public static class ChatApi
{
    public const string Extractive = "extractive";
    public const string NothingFound = "I found nothing relevant";
    public const string NoCollections = "this conversation has no collections";
    public const string Conversations = "/api/v1/conversations";
    public const string Completions = "/v1/chat/completions";

    public static readonly TimeSpan IndexTimeout = TimeSpan.FromSeconds(30);

    public static string Conversation(Guid id) => $"{Conversations}/{id}";

    public static string Messages(Guid conversationId) => $"{Conversations}/{conversationId}/messages";

    /// <summary>Creates a conversation (201 checked) and returns its body.</summary>
    public static async Task<JsonObject> CreateConversationAsync(this HttpClient client, object request)
    {
        using var response = await client.PostAsJsonAsync(Conversations, request);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {body.ToJsonString()}");
        return body;
    }

    public static async Task<Guid> CreateConversationIdAsync(this HttpClient client, object request) =>
        (await client.CreateConversationAsync(request))["id"]!.GetValue<Guid>();

    public static async Task<JsonObject> GetConversationAsync(this HttpClient client, Guid conversationId)
    {
        using var response = await client.GetAsync(Conversation(conversationId));
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body.ToJsonString()}");
        return body;
    }

    public static Task<HttpResponseMessage> PostMessageAsync(this HttpClient client, Guid conversationId, string? content) =>
        client.PostAsJsonAsync(Messages(conversationId), new { content });

    /// <summary>Asks a question as JSON (200 checked) and returns the stored assistant message.</summary>
    public static async Task<JsonObject> AskAsync(this HttpClient client, Guid conversationId, string content)
    {
        using var response = await client.PostMessageAsync(conversationId, content);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body.ToJsonString()}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    /// <summary>A POST of a question with <c>Accept: text/event-stream</c>, answered once the headers arrived.</summary>
    public static Task<HttpResponseMessage> PostMessageStreamingAsync(this HttpClient client, Guid conversationId, string content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Messages(conversationId)) { Content = JsonContent.Create(new { content }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>Asks a question as server-sent events (200 and text/event-stream checked) and returns every event.</summary>
    public static async Task<List<SseEvent>> AskStreamingAsync(this HttpClient client, Guid conversationId, string content)
    {
        using var response = await client.PostMessageStreamingAsync(conversationId, content);
        return await ReadEventStreamAsync(response);
    }

    /// <summary>POST /v1/chat/completions with a raw JSON body; streamed answers are answered once the headers arrived.</summary>
    /// <summary><c>POST /v1/responses</c>, asserting 200: the response object.</summary>
    public static async Task<JsonObject> CreateResponseAsync(this HttpClient client, JsonObject request)
    {
        using var response = await client.PostAsJsonAsync("/v1/responses", request);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    /// <summary><c>GET /v1/responses/{path}</c> (a stored response, or its input_items), asserting 200.</summary>
    public static async Task<JsonObject> GetResponseAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync($"/v1/responses/{path}");
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    public static Task<HttpResponseMessage> PostCompletionAsync(this HttpClient client, JsonObject body) => client.PostCompletionAsync(body.ToJsonString());

    /// <summary>POST /v1/chat/completions with the body as written (escapes such as <c>\ud800</c> reach the server unchanged).</summary>
    public static Task<HttpResponseMessage> PostCompletionAsync(this HttpClient client, string json) =>
        client.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, Completions) { Content = new StringContent(json, Encoding.UTF8, "application/json") },
            HttpCompletionOption.ResponseHeadersRead);

    /// <summary>Asserts a 200 text/event-stream response and reads all its events.</summary>
    public static async Task<List<SseEvent>> ReadEventStreamAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Fail($"Expected 200, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new List<SseEvent>();
        await using var stream = await response.Content.ReadAsStreamAsync();
        await foreach (var sse in EventsAsync(stream))
        {
            events.Add(sse);
        }

        return events;
    }

    /// <summary>The events of a server-sent event stream as they arrive.</summary>
    public static async IAsyncEnumerable<SseEvent> EventsAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? name = null;
        var data = new StringBuilder();
        var hasData = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData)
                {
                    yield return new SseEvent(name, data.ToString());
                }

                (name, hasData) = (null, false);
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(data.Length > 0 ? "\n" : "").Append(line["data:".Length..].TrimStart());
                hasData = true;
            }
        }

        Assert.False(hasData, "The stream ended inside an event (no blank line after its data).");
    }

    /// <summary>The numbers a text cites as [n].</summary>
    public static List<int> MarkersIn(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\[(\d+)\]").Select(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    public static List<JsonObject> Citations(JsonObject message) => message["citations"]!.AsArray().Select(item => item!.AsObject()).ToList();

    public static List<JsonObject> MessagesOf(JsonObject conversation) => conversation["messages"]!.AsArray().Select(item => item!.AsObject()).ToList();

    /// <summary>Creates a collection, adds the documents in one batch and waits until all are indexed; returns the collection id and the document ids in order.</summary>
    public static async Task<(Guid CollectionId, List<Guid> DocumentIds)> CreateIndexedCollectionAsync(this HttpClient client, IReadOnlyList<TopicDocument> documents)
    {
        Guid collectionId;
        using (var created = await client.PostAsJsonAsync("/api/v1/collections", new { name = $"chat {Guid.NewGuid():N}" }))
        {
            var body = await created.ReadJsonAsync();
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)created.StatusCode}: {body.ToJsonString()}");
            collectionId = body["id"]!.GetValue<Guid>();
        }

        List<Guid> documentIds;
        using (var added = await client.PostAsJsonAsync($"/api/v1/collections/{collectionId}/documents/batch",
            new { documents = documents.Select(document => new { title = document.Title, text = document.Text }) }))
        {
            var body = await added.ReadJsonAsync();
            Assert.True(added.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)added.StatusCode}: {body.ToJsonString()}");
            documentIds = body["items"]!.AsArray().Select(item => item!["id"]!.GetValue<Guid>()).ToList();
        }

        var clock = Stopwatch.StartNew();
        foreach (var documentId in documentIds)
        {
            while (true)
            {
                using var response = await client.GetAsync($"/api/v1/collections/{collectionId}/documents/{documentId}");
                var status = (await response.ReadJsonAsync())["status"]!.GetValue<string>();
                if (status == "indexed")
                {
                    break;
                }

                Assert.True(status == "pending", $"Document {documentId} ended '{status}'.");
                Assert.True(clock.Elapsed < IndexTimeout, $"Document {documentId} still pending after {IndexTimeout.TotalSeconds} s.");
                await Task.Delay(100);
            }
        }

        return (collectionId, documentIds);
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds or <paramref name="timeout"/> passes; returns whether it held.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return await condition();
    }
}
