using System.Net;
using System.Net.Http.Json;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Security;

/// <summary>
/// Writes racing the deletion of what they write to (found by the fuzzer: a message posted while its
/// conversation was deleted was a 500) are the client's conflict: 404 or 409, never a 5xx.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ConcurrentDeletionTests(HostFixture host)
{
    private const int Rounds = 6;
    private const int Writers = 6;

    [Fact]
    public async Task Messages_posted_while_the_conversation_is_deleted_are_answered_404_or_409_never_500()
    {
        var (_, client) = await host.Factory.NewUserClientAsync();
        using var collection = await client.PostAsJsonAsync("/api/v1/collections", new { name = "race" });
        var collectionId = (await collection.ReadJsonAsync())["id"]!.GetValue<Guid>();
        (await client.PostAsJsonAsync($"/api/v1/collections/{collectionId}/documents", new { text = "Bees dance to show the way to flowers." })).Dispose();

        var statuses = new List<HttpStatusCode>();
        for (var round = 0; round < Rounds; round++)
        {
            using var created = await client.PostAsJsonAsync("/api/v1/conversations", new { collectionIds = new[] { collectionId } });
            var id = (await created.ReadJsonAsync())["id"]!.GetValue<Guid>();

            var writes = Enumerable.Range(0, Writers).Select(async writer =>
            {
                // Staggered so some writes land before, during and after the deletion.
                await Task.Delay(writer * 5);
                using var response = await client.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { content = "How do bees find flowers?" });
                if ((int)response.StatusCode >= 400)
                {
                    await Problem.AssertAsync(response, response.StatusCode);
                }

                return response.StatusCode;
            }).ToList();
            await Task.Delay(15);
            using (var deleted = await client.DeleteAsync($"/api/v1/conversations/{id}"))
            {
                Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            }

            statuses.AddRange(await Task.WhenAll(writes));
        }

        Assert.All(statuses, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Conflict }));
    }
}
