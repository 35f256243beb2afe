using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Chat;
using Monolith.IntegrationTests.Embeddings;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Quotas;

/// <summary>A host whose quotas run on a clock the tests move (<see cref="QuotaClock"/>), with the default 600 requests a minute.</summary>
public sealed class QuotaHostFixture : IAsyncLifetime
{
    private MonolithFactory? _factory;

    public QuotaClock Clock { get; } = new();

    public MonolithFactory Factory => _factory ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync() => _factory = await MonolithFactory.StartAsync(new TestHostOptions { QuotaClock = Clock, RequestPermitLimit = 600 });

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}

/// <summary>Per-user and per-key limits: each trips at its count, resets with its window, and says so in OpenAI's headers.</summary>
public sealed class QuotaTests(QuotaHostFixture fixture) : IClassFixture<QuotaHostFixture>
{
    private const string Sentence = "A man is eating food."; // 8 tokens with all-MiniLM-L6-v2's tokenizer ([CLS] and [SEP] included)

    private readonly MonolithFactory _factory = fixture.Factory;
    private readonly QuotaClock _clock = fixture.Clock;

    [Fact]
    public async Task Requests_per_minute_trip_at_the_limit_with_retry_after_and_reset_with_the_next_minute()
    {
        var (user, _, key) = await _factory.NewApiKeyClientAsync();
        using var _ = key;
        await SetLimitsAsync(user.Id, new { requestsPerMinute = 3 });
        _clock.NextMinute();

        for (var request = 1; request <= 3; request++)
        {
            using var allowed = await key.GetAsync("/api/v1/users/me");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        _clock.Advance(TimeSpan.FromSeconds(45));
        using (var limited = await key.GetAsync("/api/v1/users/me"))
        {
            await Problem.AssertAsync(limited, HttpStatusCode.TooManyRequests, "rate-limited", "Too many requests");
            Assert.Equal(TimeSpan.FromSeconds(15), limited.Headers.RetryAfter?.Delta);
        }

        _clock.NextMinute();
        using var reset = await key.GetAsync("/api/v1/users/me");
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
    }

    [Fact]
    public async Task A_daily_embeddings_budget_counts_down_in_the_headers_then_is_insufficient_quota_until_midnight()
    {
        var (user, _, key) = await _factory.NewApiKeyClientAsync();
        using var _ = key;
        await SetLimitsAsync(user.Id, new { embeddings = new { tokensPerDay = 20 } });
        _clock.NextDay();

        foreach (var remaining in new[] { 12, 4 })
        {
            using var allowed = await key.PostEmbeddingsAsync(new JsonObject { ["input"] = Sentence });
            await allowed.ReadEmbeddingsAsync();
            Assert.Equal("20", Header(allowed, "x-ratelimit-limit-tokens"));
            Assert.Equal(remaining.ToString(), Header(allowed, "x-ratelimit-remaining-tokens"));
            Assert.Equal("24h0m0s", Header(allowed, "x-ratelimit-reset-tokens"));
            Assert.Equal("600", Header(allowed, "x-ratelimit-limit-requests")); // the role's default
            Assert.Equal("1m0s", Header(allowed, "x-ratelimit-reset-requests"));
        }

        _clock.Advance(TimeSpan.FromHours(23));
        using (var spent = await key.PostEmbeddingsAsync(new JsonObject { ["input"] = Sentence }))
        {
            var error = await OpenAiError.AssertAsync(spent, HttpStatusCode.TooManyRequests, "insufficient_quota", code: "insufficient_quota");
            Assert.StartsWith("This request needs 8 tokens, and 4 of the day's 20 embeddings tokens remain.", error["message"]!.GetValue<string>()); // not "used up"
            Assert.Equal(TimeSpan.FromHours(1), spent.Headers.RetryAfter?.Delta);
            Assert.Equal("4", Header(spent, "x-ratelimit-remaining-tokens"));
        }

        _clock.NextDay();
        using var tomorrow = await key.PostEmbeddingsAsync(new JsonObject { ["input"] = Sentence });
        await tomorrow.ReadEmbeddingsAsync();
        Assert.Equal("12", Header(tomorrow, "x-ratelimit-remaining-tokens"));
    }

    // The token count and the usage row are written concurrently, on two connections, after the model has run (issue 17):
    // under concurrent requests both stay exact, one row and one count per request.
    [Fact]
    public async Task Concurrent_embeddings_requests_each_count_their_tokens_and_record_one_usage_row()
    {
        var (user, _, key) = await _factory.NewApiKeyClientAsync();
        using var _ = key;
        await SetLimitsAsync(user.Id, new { embeddings = new { tokensPerDay = 1_000_000 } });
        _clock.NextDay();

        var answered = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            using var response = await key.PostEmbeddingsAsync(new JsonObject { ["input"] = $"{Sentence} number {i}" });
            return (await response.ReadEmbeddingsAsync())["usage"]!["prompt_tokens"]!.GetValue<long>();
        }));

        var spent = answered.Sum();
        Assert.Equal(24, await _factory.Database.ScalarAsync<long>($"SELECT count(*) FROM embeddings.usage WHERE user_id = '{user.Id}'"));
        Assert.Equal(spent, await _factory.Database.ScalarAsync<long>($"SELECT sum(input_tokens)::bigint FROM embeddings.usage WHERE user_id = '{user.Id}'"));
        Assert.Equal(spent, await _factory.Database.ScalarAsync<long>(
            $"SELECT sum(used)::bigint FROM quotas.counters WHERE subject = '{user.Id}' AND metric = 'embeddings.tokens/Day'"));
        using var next = await key.PostEmbeddingsAsync(new JsonObject { ["input"] = Sentence });
        await next.ReadEmbeddingsAsync();
        Assert.Equal((1_000_000 - spent - 8).ToString(), Header(next, "x-ratelimit-remaining-tokens"));
    }

    [Fact]
    public async Task Embeddings_requests_and_tokens_per_minute_trip_as_rate_limit_exceeded_of_their_type()
    {
        var (user, _, key) = await _factory.NewApiKeyClientAsync();
        using var _ = key;
        await SetLimitsAsync(user.Id, new { embeddings = new { requestsPerMinute = 2 } });
        _clock.NextMinute();
        foreach (var remaining in new[] { "1", "0" })
        {
            using var allowed = await key.PostEmbeddingsAsync(new JsonObject { ["input"] = Sentence });
            await allowed.ReadEmbeddingsAsync();
            Assert.Equal("2", Header(allowed, "x-ratelimit-limit-requests"));
            Assert.Equal(remaining, Header(allowed, "x-ratelimit-remaining-requests"));
            Assert.False(allowed.Headers.Contains("x-ratelimit-limit-tokens")); // tokens are not limited
        }

        using (var limited = await key.PostEmbeddingsAsync(new JsonObject { ["input"] = Sentence }))
        {
            await OpenAiError.AssertAsync(limited, HttpStatusCode.TooManyRequests, "requests", code: "rate_limit_exceeded");
            Assert.NotNull(limited.Headers.RetryAfter);
        }

        using (var otherRoute = await key.GetAsync("/api/v1/users/me"))
        {
            Assert.Equal(HttpStatusCode.OK, otherRoute.StatusCode); // the embeddings limit is the embeddings'
        }

        await SetLimitsAsync(user.Id, new { embeddings = new { tokensPerMinute = 10 } });
        _clock.NextMinute();
        using (var first = await key.PostEmbeddingsAsync(new JsonObject { ["input"] = Sentence }))
        {
            await first.ReadEmbeddingsAsync();
            Assert.Equal("2", Header(first, "x-ratelimit-remaining-tokens"));
        }

        using (var tooMany = await key.PostEmbeddingsAsync(new JsonObject { ["input"] = Sentence }))
        {
            await OpenAiError.AssertAsync(tooMany, HttpStatusCode.TooManyRequests, "tokens", code: "rate_limit_exceeded");
        }

        _clock.NextMinute();
        using var reset = await key.PostEmbeddingsAsync(new JsonObject { ["input"] = Sentence });
        await reset.ReadEmbeddingsAsync();
    }

    [Fact]
    public async Task A_streamed_answer_that_reaches_the_token_budget_ends_cleanly_with_finish_reason_length()
    {
        var (user, _, key) = await _factory.NewApiKeyClientAsync();
        using var _ = key;
        var request = new JsonObject
        {
            ["model"] = ChatApi.Extractive,
            ["messages"] = new JsonArray(new JsonObject
            {
                ["role"] = "user",
                ["content"] = "Context:\nBees dance to tell the hive where flowers are. The waggle dance gives direction and distance. " +
                    "Honey keeps for years because it holds little water.\n\nQuestion: How do bees tell the hive where flowers are?",
            }),
        };
        long promptTokens, completionTokens;
        using (var unlimited = await key.PostCompletionAsync(request))
        {
            var usage = (await unlimited.ReadJsonAsync())["usage"]!;
            (promptTokens, completionTokens) = (usage["prompt_tokens"]!.GetValue<long>(), usage["completion_tokens"]!.GetValue<long>());
        }

        Assert.True(completionTokens > 10, $"the whole answer is {completionTokens} tokens");
        await SetLimitsAsync(user.Id, new { chat = new { tokensPerDay = promptTokens + 5 } });
        _clock.NextDay();

        request["stream"] = true;
        request["stream_options"] = new JsonObject { ["include_usage"] = true };
        using var streamed = await key.PostCompletionAsync(request);
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        var events = await ChatApi.ReadEventStreamAsync(streamed);

        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events.SkipLast(1).Select(e => e.Json).ToList();
        Assert.All(chunks, chunk => Assert.False(chunk.ContainsKey("error")));
        var text = string.Concat(chunks.SelectMany(c => c["choices"]!.AsArray()).Select(c => c!["delta"]?["content"]?.GetValue<string>()));
        Assert.InRange(text.Length, 1, 20); // five tokens of four characters
        Assert.Equal("length", chunks.SelectMany(c => c["choices"]!.AsArray()).Last()!["finish_reason"]!.GetValue<string>());
        Assert.Equal(promptTokens + 5, chunks[^1]["usage"]!["total_tokens"]!.GetValue<long>());

        using var spent = await key.PostCompletionAsync(request);
        await OpenAiError.AssertAsync(spent, HttpStatusCode.TooManyRequests, "insufficient_quota", code: "insufficient_quota");
    }

    [Fact]
    public async Task A_keys_own_limits_count_besides_its_owners_and_are_shown_in_the_key_list()
    {
        var (user, owner) = await _factory.NewUserClientAsync();
        using var _ = owner;
        using var created = await owner.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "limited", limits = new { requestsPerMinute = 2 } });
        var secret = (await created.ReadJsonAsync())["key"]!.GetValue<string>();
        using var key = _factory.CreateClient(secret);
        _clock.NextMinute();

        for (var request = 1; request <= 2; request++)
        {
            using var allowed = await key.GetAsync("/api/v1/users/me");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using (var limited = await key.GetAsync("/api/v1/users/me"))
        {
            await Problem.AssertAsync(limited, HttpStatusCode.TooManyRequests, "rate-limited");
        }

        using var list = await owner.GetAsync("/api/v1/users/me/api-keys"); // the owner's token: the user's own limit (600) is far off
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(2, (await list.ReadJsonAsync())["items"]![0]!["limits"]!["requestsPerMinute"]!.GetValue<int>());

        using var negative = await owner.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "bad", limits = new { chat = new { tokensPerDay = -1 } } });
        await Problem.AssertValidationAsync(negative, "limits.chat.tokensPerDay");
        Assert.NotEqual(Guid.Empty, user.Id);
    }

    [Fact]
    public async Task Setting_limits_is_for_admins_only_names_a_bad_field_and_answers_404_for_an_unknown_user()
    {
        var (user, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        using (var forbidden = await client.PutAsJsonAsync($"/api/v1/admin/users/{user.Id}/limits", new { requestsPerMinute = 1_000_000 }))
        {
            await Problem.AssertStatusAsync(forbidden, HttpStatusCode.Forbidden);
        }

        using var admin = await _factory.AdminClientAsync();
        using (var invalid = await admin.PutAsJsonAsync($"/api/v1/admin/users/{user.Id}/limits", new { embeddings = new { tokensPerMinute = -5 } }))
        {
            await Problem.AssertValidationAsync(invalid, "embeddings.tokensPerMinute");
        }

        using (var unknown = await admin.PutAsJsonAsync($"/api/v1/admin/users/{Guid.NewGuid()}/limits", new { requestsPerMinute = 5 }))
        {
            await Problem.AssertStatusAsync(unknown, HttpStatusCode.NotFound);
        }

        using var set = await admin.PutAsJsonAsync($"/api/v1/admin/users/{user.Id}/limits", new { chat = new { tokensPerDay = 1000 } });
        var body = await set.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(1000, body["effective"]!["chat"]!["tokensPerDay"]!.GetValue<int>());
        Assert.Equal(600, body["effective"]!["requestsPerMinute"]!.GetValue<int>());
    }

    private async Task SetLimitsAsync(Guid userId, object limits)
    {
        using var admin = await _factory.AdminClientAsync();
        using var response = await admin.PutAsJsonAsync($"/api/v1/admin/users/{userId}/limits", limits);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
}
