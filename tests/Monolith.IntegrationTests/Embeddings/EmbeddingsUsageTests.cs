using System.Net;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Embeddings;

/// <summary>Usage rows in <c>embeddings.usage</c>, and their erasure when the Users module publishes UserDeleted.</summary>
[Collection(HostCollection.Name)]
public sealed class EmbeddingsUsageTests(HostFixture host)
{
    private readonly MonolithFactory _factory = host.Factory;

    [Fact]
    public async Task Each_request_records_the_users_tokens_and_deleting_the_user_erases_only_their_rows()
    {
        var (user, _, keyClient) = await _factory.NewApiKeyClientAsync();
        using var _ = keyClient;
        var (other, otherClient) = await _factory.NewUserClientAsync();
        using var __ = otherClient;

        var tokens = 0;
        foreach (var input in new JsonNode[] { "A man is eating food.", new JsonArray("A man is eating food.", $"usage {Guid.NewGuid():N}") })
        {
            using var response = await keyClient.PostEmbeddingsAsync(new JsonObject { ["input"] = input });
            tokens += (await response.ReadEmbeddingsAsync())["usage"]!["prompt_tokens"]!.GetValue<int>();
        }

        using (var response = await otherClient.PostEmbeddingsAsync("""{"input":"someone else"}"""))
        {
            await response.ReadEmbeddingsAsync();
        }

        Assert.Equal(2, await UsageAsync("count(*)", user.Id));
        Assert.Equal(tokens, await UsageAsync("sum(input_tokens)", user.Id));
        Assert.Equal(0, await UsageAsync("sum(output_tokens)", user.Id));
        Assert.Equal(2, await _factory.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM embeddings.usage WHERE user_id = '{user.Id}' AND source = 'api' AND api_key_id IS NOT NULL"));
        Assert.True(tokens > 8);
        Assert.Equal(1, await _factory.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM embeddings.usage WHERE user_id = '{user.Id}' AND model = '{EmbeddingsApi.LocalModel}' AND input_tokens = 8"));

        using var anonymous = _factory.CreateClient();
        using (var jwtClient = _factory.CreateClient(await anonymous.TokenAsync(user)))
        using (var deleted = await jwtClient.DeleteAsync("/api/v1/users/me"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await UsageAsync("count(*)", user.Id) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, await UsageAsync("count(*)", user.Id));
        Assert.Equal(1, await UsageAsync("count(*)", other.Id));
    }

    private async Task<long> UsageAsync(string aggregate, Guid userId) =>
        await _factory.Database.ScalarAsync<long>($"SELECT coalesce({aggregate}, 0) FROM embeddings.usage WHERE user_id = '{userId}'");
}
