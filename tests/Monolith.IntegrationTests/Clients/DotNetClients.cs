using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Monolith.IntegrationTests.Chat;
using Monolith.IntegrationTests.Embeddings;
using Monolith.IntegrationTests.Infrastructure;
using OpenAI;
using ChatCompletion = OpenAI.Chat.ChatCompletion;
using ChatCompletionOptions = OpenAI.Chat.ChatCompletionOptions;

namespace Monolith.IntegrationTests.Clients;

/// <summary>The structured answer the fake upstream gives (<see cref="FakeChatUpstream.StructuredAnswer"/>) as a client deserializes it.</summary>
public sealed record BeeAnswer(string Answer, double Confidence);

/// <summary>The weather function a client's own function-invocation loop calls; it records each call.</summary>
public sealed class WeatherFunction
{
    private readonly List<(string City, string Unit)> _calls = [];

    public IReadOnlyList<(string City, string Unit)> Calls
    {
        get
        {
            lock (_calls)
            {
                return _calls.ToList();
            }
        }
    }

    public string Get(string city, string unit)
    {
        lock (_calls)
        {
            _calls.Add((city, unit));
        }

        return DotNetClients.Weather(city, unit);
    }
}

/// <summary>
/// What the .NET client conformance tests share: an OpenAI client for this host's <c>/v1</c> (the base every .NET
/// client is configured with), the model tools and structured output go to (the fake upstream, with a long timeout so
/// a busy machine does not fail them), our <c>collection_ids</c> extension as the SDK's JSON patch, and our citations.
/// </summary>
public static class DotNetClients
{
    /// <summary>The configured model on the fake upstream: tools and structured output need one (the extractive model refuses them).</summary>
    public const string ToolModel = ChatUpstreamFixture.PatientModel;

    public const string UnknownModel = "no-such-chat-model";
    public const string BadKey = "sk-not-a-real-key";
    public const string WeatherToolName = "get_weather";
    public const string WeatherToolDescription = "The weather in a city";
    public const string WeatherParameters = """{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string"}},"required":["city"]}""";

    public static readonly string[] Texts = ["A man is eating food.", "A man is eating a piece of bread.", "A man is riding a horse."];

    /// <summary>What the weather tool answers, as every client's function returns it.</summary>
    public static string Weather(string city, string unit) => $"21 degrees {unit} in {city}";

    public static Uri Endpoint(ChatLibrary library) => new(library.Client.BaseAddress!, "/v1");

    public static OpenAIClient OpenAi(ChatLibrary library, string? apiKey = null, RecordingHandler? recorder = null)
    {
        var options = new OpenAIClientOptions { Endpoint = Endpoint(library) };
        if (recorder is not null)
        {
            options.Transport = new HttpClientPipelineTransport(recorder.Client);
        }

        return new OpenAIClient(new ApiKeyCredential(apiKey ?? library.ApiKey), options);
    }

    /// <summary>Chat options whose JSON carries <c>collection_ids</c>: the SDK's way to send a property it does not model.</summary>
    public static ChatCompletionOptions WithCollections(params Guid[] collectionIds) => WithCollections((object)collectionIds);

    private static ChatCompletionOptions WithCollections(object collectionIds)
    {
        var options = new ChatCompletionOptions();
#pragma warning disable SCME0001 // JsonPatch is the SDK's (evaluation) way to send properties it does not model
        options.Patch.Set("$.collection_ids"u8, BinaryData.FromObjectAsJson(collectionIds));
#pragma warning restore SCME0001
        return options;
    }

    /// <summary>
    /// A Microsoft.Extensions.AI <c>ConfigureOptions</c> step that sends <c>collection_ids</c> from
    /// <see cref="ChatOptions.AdditionalProperties"/> (where Semantic Kernel puts its settings' extension data), which
    /// the OpenAI adapter does not send by itself, as the raw options' JSON patch.
    /// </summary>
    public static void PatchCollectionIdsIn(ChatOptions options)
    {
        if (options.AdditionalProperties?.TryGetValue("collection_ids", out var ids) == true)
        {
            options.RawRepresentationFactory = _ => WithCollections(ids!);
        }
    }

    /// <summary>Our <c>citations</c> extension on a completion, which the SDK keeps as a property it does not model.</summary>
    public static IReadOnlyList<JsonObject> CitationsOf(ChatCompletion completion)
    {
#pragma warning disable SCME0001 // JsonPatch is the SDK's (evaluation) way to read properties it does not model
        Assert.True(completion.Patch.TryGetJson("$.citations"u8, out var json), "The completion has no citations.");
#pragma warning restore SCME0001
        return JsonNode.Parse(json.Span)!.AsArray().Select(item => item!.AsObject()).ToList();
    }

    /// <summary>The answer quotes the bee document and every citation names it.</summary>
    public static void AssertQuotesAndCitesTheBees(ChatLibrary library, string text, IReadOnlyList<JsonObject> citations)
    {
        Assert.Contains(ChatDocuments.BeeQuote, text, StringComparison.Ordinal);
        Assert.NotEmpty(citations);
        Assert.All(citations, citation => Assert.Equal(library.DocumentId(ChatDocuments.Bees), citation["documentId"]!.GetValue<Guid>()));
    }

    /// <summary>The structured answer came back as the fake upstream wrote it, and the request asked for a JSON schema.</summary>
    public static void AssertStructured(BeeAnswer? answer, JsonObject sent)
    {
        Assert.Equal("json_schema", sent["response_format"]?["type"]?.GetValue<string>());
        var expected = JsonNode.Parse(FakeChatUpstream.StructuredAnswer)!;
        Assert.NotNull(answer);
        Assert.Equal(expected["answer"]!.GetValue<string>(), answer.Answer);
        Assert.Equal(expected["confidence"]!.GetValue<double>(), answer.Confidence, 6);
    }

    /// <summary>Unit-length vectors of the local model, one per text, with eating food closer to eating bread than to riding a horse.</summary>
    public static void AssertLocalModelVectors(IReadOnlyList<ReadOnlyMemory<float>> vectors)
    {
        Assert.Equal(Texts.Length, vectors.Count);
        Assert.All(vectors, vector =>
        {
            Assert.Equal(EmbeddingsApi.LocalDimensions, vector.Length);
            Assert.Equal(1.0, EmbeddingsApi.Norm(vector.Span), 4);
        });
        Assert.True(EmbeddingsApi.Cosine(vectors[0].ToArray(), vectors[1].ToArray()) > EmbeddingsApi.Cosine(vectors[0].ToArray(), vectors[2].ToArray()) + 0.1);
    }

    /// <summary>The client's loop called the function once with the fake upstream's arguments and sent its result back.</summary>
    public static void AssertToolLoop(WeatherFunction weather, FakeChatUpstream upstream, string testId)
    {
        Assert.Equal(("Paris", "celsius"), Assert.Single(weather.Calls));
        AssertToolResultReachedTheUpstream(upstream, testId);
    }

    /// <summary>The tool loop's last call carried the tool's result (as the client serialized it) back to the upstream.</summary>
    public static void AssertToolResultReachedTheUpstream(FakeChatUpstream upstream, string testId)
    {
        var calls = upstream.CallsWith(testId);
        Assert.True(calls.Count >= 2, $"{calls.Count} upstream calls: the client did not send the tool result back.");
        var last = calls[^1];
        Assert.Equal("tool", last.Messages[^1].Role);
        Assert.Contains(Weather("Paris", "celsius"), last.Messages[^1].Content, StringComparison.Ordinal);
    }
}
