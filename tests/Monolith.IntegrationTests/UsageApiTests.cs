using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Chat;
using Monolith.IntegrationTests.Embeddings;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests;

/// <summary><c>GET /api/v1/users/me/usage</c> and <c>GET /api/v1/admin/usage</c> over embeddings and chat usage.</summary>
[Collection(HostCollection.Name)]
public sealed class UsageApiTests(HostFixture host)
{
    private readonly MonolithFactory _factory = host.Factory;

    [Fact]
    public async Task Usage_totals_equal_the_sum_of_the_responses_usage_per_model_and_per_key()
    {
        var (user, _, keyClient) = await _factory.NewApiKeyClientAsync();
        using var _ = keyClient;
        long embeddingTokens = 0, chatTokens = 0;
        foreach (var input in new[] { "The cat sat on the mat.", $"usage totals {Guid.NewGuid():N}" })
        {
            using var response = await keyClient.PostEmbeddingsAsync(new JsonObject { ["input"] = input });
            embeddingTokens += (await response.ReadEmbeddingsAsync())["usage"]!["total_tokens"]!.GetValue<long>();
        }

        foreach (var question in new[] { "Context:\nThe sky is blue.\n\nQuestion: What colour is the sky?", "Say hello." })
        {
            using var response = await keyClient.PostCompletionAsync(new JsonObject
            {
                ["model"] = ChatApi.Extractive,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = question }),
            });
            var body = await response.ReadJsonAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            chatTokens += body["usage"]!["total_tokens"]!.GetValue<long>();
        }

        var byModel = await UsageAsync(keyClient, "/api/v1/users/me/usage?groupBy=model");
        Assert.Equal(embeddingTokens + chatTokens, byModel["total"]!["totalTokens"]!.GetValue<long>());
        Assert.Equal(4, byModel["total"]!["requests"]!.GetValue<long>());
        Assert.Equal(embeddingTokens, Item(byModel, "embeddings", EmbeddingsApi.LocalModel)["totalTokens"]!.GetValue<long>());
        Assert.Equal(chatTokens, Item(byModel, "chat", ChatApi.Extractive)["totalTokens"]!.GetValue<long>());

        var keys = await UsageAsync(keyClient, "/api/v1/users/me/api-keys");
        var keyId = keys["items"]![0]!["id"]!.GetValue<string>();
        var byKey = await UsageAsync(keyClient, "/api/v1/users/me/usage?groupBy=key");
        Assert.All(byKey["items"]!.AsArray(), item => Assert.Equal(keyId, item!["group"]!.GetValue<string>()));

        using var admin = await _factory.AdminClientAsync();
        var adminView = await UsageAsync(admin, $"/api/v1/admin/usage?groupBy=user&userId={user.Id}");
        Assert.Equal(embeddingTokens + chatTokens, adminView["total"]!["totalTokens"]!.GetValue<long>());
        Assert.All(adminView["items"]!.AsArray(), item => Assert.Equal(user.Id.ToString(), item!["group"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_key_list_shows_the_tokens_each_key_used_today_and_none_for_login_token_calls()
    {
        var (_, jwtClient) = await _factory.NewUserClientAsync();
        using var _ = jwtClient;

        // "Today" is the server's UTC day: should midnight pass between the first call and the list (the server's Date
        // says), the run is made again with new keys.
        var (listed, embeddingTokens, chatTokens, ids) = await ServerDay.WithinOneAsync(async () =>
        {
            var (embeddingsKeyId, embeddingsKey) = await CreateKeyAsync(jwtClient, "embeddings");
            var (chatKeyId, chatKey) = await CreateKeyAsync(jwtClient, "chat");
            var (idleKeyId, _) = await CreateKeyAsync(jwtClient, "idle");
            using var embeddingsClient = _factory.CreateClient(embeddingsKey);
            using var chatClient = _factory.CreateClient(chatKey);

            long embeddingTokens = 0;
            DateOnly? firstDay = null;
            foreach (var input in new[] { "The cat sat on the mat.", $"key totals {Guid.NewGuid():N}" })
            {
                using var response = await embeddingsClient.PostEmbeddingsAsync(new JsonObject { ["input"] = input });
                firstDay ??= ServerDay.Of(response);
                embeddingTokens += (await response.ReadEmbeddingsAsync())["usage"]!["total_tokens"]!.GetValue<long>();
            }

            long chatTokens;
            using (var response = await chatClient.PostCompletionAsync(new JsonObject
            {
                ["model"] = ChatApi.Extractive,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Context:\nThe sky is blue.\n\nQuestion: What colour is the sky?" }),
            }))
            {
                var body = await response.ReadJsonAsync();
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                chatTokens = body["usage"]!["total_tokens"]!.GetValue<long>();
            }

            using (var withToken = await jwtClient.PostEmbeddingsAsync(new JsonObject { ["input"] = "Made with the login token, so no key's." }))
            {
                Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
            }

            using var list = await jwtClient.GetAsync("/api/v1/users/me/api-keys");
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            var listed = (await list.ReadJsonAsync())["items"]!.AsArray()
                .ToDictionary(item => item!["id"]!.GetValue<string>(), item => item!["tokensToday"]!.GetValue<long>());
            return ((listed, embeddingTokens, chatTokens, (Embeddings: embeddingsKeyId, Chat: chatKeyId, Idle: idleKeyId)), firstDay!.Value, ServerDay.Of(list));
        });

        Assert.True(embeddingTokens > 0 && chatTokens > 0);
        Assert.Equal(embeddingTokens, listed[ids.Embeddings]);
        Assert.Equal(chatTokens, listed[ids.Chat]);
        Assert.Equal(0, listed[ids.Idle]);
    }

    [Fact]
    public async Task Ingestion_and_retrieval_embeddings_are_the_owners_usage_by_source()
    {
        var (_, _, keyClient) = await _factory.NewApiKeyClientAsync();
        using var _ = keyClient;
        var (collectionId, _) = await keyClient.CreateIndexedCollectionAsync([new TopicDocument("usage", "Sourdough needs a lively starter and a long, cool rise.")]);
        using (var search = await keyClient.PostAsync($"/api/v1/collections/{collectionId}/search",
            new StringContent("""{"query":"how long does bread rise?"}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        }

        var bySource = await UsageAsync(keyClient, "/api/v1/users/me/usage?groupBy=source");

        Assert.True(Item(bySource, "embeddings", "ingestion")["inputTokens"]!.GetValue<long>() > 0);
        Assert.True(Item(bySource, "embeddings", "retrieval")["inputTokens"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task The_admin_usage_report_is_403_for_others_and_a_bad_grouping_or_period_is_a_400_naming_the_field()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;

        using (var forbidden = await client.GetAsync("/api/v1/admin/usage"))
        {
            await Problem.AssertStatusAsync(forbidden, HttpStatusCode.Forbidden);
        }

        foreach (var (query, field) in new[] { ("groupBy=user", "groupBy"), ("from=yesterday", "from"), ("from=2026-12-02&to=2026-12-01", "from"), ("from=2020-01-01&to=2026-01-01", "to") })
        {
            using var invalid = await client.GetAsync($"/api/v1/users/me/usage?{query}");
            await Problem.AssertValidationAsync(invalid, field);
        }
    }

    private static async Task<(string Id, string Key)> CreateKeyAsync(HttpClient client, string name)
    {
        using var created = await client.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name });
        var body = await created.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (body["id"]!.GetValue<string>(), body["key"]!.GetValue<string>());
    }

    private static async Task<JsonObject> UsageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body.ToJsonString()}");
        return body;
    }

    private static JsonObject Item(JsonObject report, string kind, string group) =>
        report["items"]!.AsArray().Select(item => item!.AsObject())
            .Single(item => item["kind"]!.GetValue<string>() == kind && item["group"]!.GetValue<string>() == group);
}
