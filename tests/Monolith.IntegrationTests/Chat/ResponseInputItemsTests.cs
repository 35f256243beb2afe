using System.Net;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Embeddings;
using static Monolith.IntegrationTests.Chat.ChatUpstreamFixture;

namespace Monolith.IntegrationTests.Chat;

/// <summary>
/// <c>GET /v1/responses/{id}/input_items</c>: a stored response's input (the turns it continued included, its
/// instructions not) as Responses items in OpenAI's list shape, newest first by default, paged by limit/after/before.
/// </summary>
[Collection(ChatUpstreamCollection.Name)]
public sealed class ResponseInputItemsTests(ChatUpstreamFixture fixture)
{
    private readonly ChatLibrary _library = fixture.Library;
    private readonly string _id = Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_continued_responses_input_items_are_its_turns_newest_first_and_oldest_first_with_order_asc()
    {
        var second = await ContinuedResponseAsync();

        var newest = await ListAsync($"{second}/input_items");
        var oldest = await ListAsync($"{second}/input_items?order=asc");

        Assert.Equal("list", newest["object"]!.GetValue<string>());
        Assert.Equal(
            [("user", "input_text", $"Second question {_id}"), ("assistant", "output_text", FakeChatUpstream.Answer), ("user", "input_text", $"First question {_id}")],
            Turns(newest));
        Assert.Equal(Turns(newest).Reverse(), Turns(oldest));
        Assert.False(newest["has_more"]!.GetValue<bool>());
        Assert.Equal(newest["data"]![0]!["id"]!.GetValue<string>(), newest["first_id"]!.GetValue<string>());
        Assert.Equal(newest["data"]![2]!["id"]!.GetValue<string>(), newest["last_id"]!.GetValue<string>());
        Assert.All(newest["data"]!.AsArray(), item => Assert.Equal(("message", "completed"), (item!["type"]!.GetValue<string>(), item["status"]!.GetValue<string>())));
        Assert.Equal(3, newest["data"]!.AsArray().Select(item => item!["id"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task Limit_after_and_before_page_through_the_items()
    {
        var second = await ContinuedResponseAsync();
        var all = (await ListAsync($"{second}/input_items?order=asc"))["data"]!.AsArray().Select(item => item!["id"]!.GetValue<string>()).ToList();

        var first = await ListAsync($"{second}/input_items?order=asc&limit=2");
        var rest = await ListAsync($"{second}/input_items?order=asc&limit=2&after={first["last_id"]!.GetValue<string>()}");
        var before = await ListAsync($"{second}/input_items?order=asc&before={all[2]}");

        Assert.Equal(all[..2], Ids(first));
        Assert.True(first["has_more"]!.GetValue<bool>());
        Assert.Equal(all[2..], Ids(rest));
        Assert.False(rest["has_more"]!.GetValue<bool>());
        Assert.Equal(all[..2], Ids(before));
    }

    [Fact]
    public async Task Tool_calls_and_their_outputs_are_function_call_and_function_call_output_items()
    {
        var tools = new JsonArray(new JsonObject { ["type"] = "function", ["name"] = "get_weather", ["parameters"] = new JsonObject { ["type"] = "object" } });
        var answered = await CreateAsync(new JsonObject
        {
            ["model"] = Model,
            ["tools"] = tools,
            ["input"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = $"Weather? {_id}" },
                new JsonObject { ["type"] = "function_call", ["call_id"] = "call_7", ["name"] = "get_weather", ["arguments"] = """{"city":"Oslo"}""" },
                new JsonObject { ["type"] = "function_call_output", ["call_id"] = "call_7", ["output"] = "3 C" }),
        });

        var items = (await ListAsync($"{answered}/input_items?order=asc"))["data"]!.AsArray();

        Assert.Equal(["message", "function_call", "function_call_output"], items.Select(item => item!["type"]!.GetValue<string>()));
        Assert.Equal(("call_7", "get_weather", """{"city":"Oslo"}"""),
            (items[1]!["call_id"]!.GetValue<string>(), items[1]!["name"]!.GetValue<string>(), items[1]!["arguments"]!.GetValue<string>()));
        Assert.Equal(("call_7", "3 C"), (items[2]!["call_id"]!.GetValue<string>(), items[2]!["output"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("order=sideways", "order")]
    [InlineData("after=msg_unknown", "after")]
    [InlineData("before=msg_unknown", "before")]
    public async Task A_bad_query_value_is_400_in_OpenAIs_shape_naming_it(string query, string param)
    {
        var answered = await CreateAsync(new JsonObject { ["model"] = Model, ["input"] = $"Question {_id}" });

        using var response = await _library.Client.GetAsync($"/v1/responses/{answered}/input_items?{query}");

        await OpenAiError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", param);
    }

    [Fact]
    public async Task An_unknown_or_malformed_response_id_is_404()
    {
        foreach (var id in new[] { $"resp_{Guid.NewGuid():N}", "resp_nonsense" })
        {
            using var response = await _library.Client.GetAsync($"/v1/responses/{id}/input_items");
            await OpenAiError.AssertAsync(response, HttpStatusCode.NotFound, "invalid_request_error", code: "not_found");
        }
    }

    private static IEnumerable<(string Role, string Part, string Text)> Turns(JsonObject list) => list["data"]!.AsArray().Select(item =>
        (item!["role"]!.GetValue<string>(), item["content"]![0]!["type"]!.GetValue<string>(), item["content"]![0]!["text"]!.GetValue<string>()));

    private static List<string> Ids(JsonObject list) => list["data"]!.AsArray().Select(item => item!["id"]!.GetValue<string>()).ToList();

    private async Task<string> ContinuedResponseAsync()
    {
        var first = await CreateAsync(new JsonObject { ["model"] = Model, ["instructions"] = "Rules", ["input"] = $"First question {_id}" });
        return await CreateAsync(new JsonObject { ["model"] = Model, ["input"] = $"Second question {_id}", ["previous_response_id"] = first });
    }

    private Task<JsonObject> ListAsync(string path) => _library.Client.GetResponseAsync(path);

    private async Task<string> CreateAsync(JsonObject request) => (await _library.Client.CreateResponseAsync(request))["id"]!.GetValue<string>();
}
