using System.Net;
using System.Net.Http.Json;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Security;

/// <summary>
/// OWASP API3: fields a client may not set (ids, owners, roles, statuses, secrets) are ignored when sent, never
/// applied; responses never carry password hashes or key secrets after creation.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class MassAssignmentTests(HostFixture host)
{
    private static readonly Guid ChosenId = Guid.Parse("0badc0de-0000-4000-8000-000000000001");

    [Fact]
    public async Task Registration_ignores_id_roles_and_hashes_in_the_body()
    {
        using var client = host.Factory.CreateClient();
        var email = Api.NewEmail();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/register", new
        {
            email,
            password = Api.Password,
            displayName = "Mallory",
            id = ChosenId,
            roles = new[] { "admin" },
            role = "admin",
            passwordHash = "x",
            createdAt = "2000-01-01T00:00:00Z",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var user = await response.ReadJsonAsync();
        Assert.NotEqual(ChosenId, user["id"]!.GetValue<Guid>());
        Assert.Equal(["user"], user["roles"]!.AsArray().Select(role => role!.GetValue<string>()));
        Assert.NotEqual(2000, user["createdAt"]!.GetValue<DateTimeOffset>().Year);
        Assert.DoesNotContain("password", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);

        using var admin = host.Factory.CreateClient(await client.TokenAsync(new TestUser(user["id"]!.GetValue<Guid>(), email, Api.Password)));
        using var forbidden = await admin.GetAsync("/api/v1/admin/users");
        await Problem.AssertStatusAsync(forbidden, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Ids_owners_and_statuses_in_bodies_are_ignored_by_collections_documents_conversations_and_keys()
    {
        var (owner, client) = await host.Factory.NewUserClientAsync();
        var (victim, victimClient) = await host.Factory.NewUserClientAsync();

        using var collection = await client.PostAsJsonAsync("/api/v1/collections", new { name = "mine", id = ChosenId, ownerId = victim.Id, userId = victim.Id, dimensions = 3 });
        var created = await collection.ReadJsonAsync();
        var collectionId = created["id"]!.GetValue<Guid>();
        Assert.NotEqual(ChosenId, collectionId);
        Assert.Equal(384, created["dimensions"]!.GetValue<int>());
        using (var hidden = await victimClient.GetAsync($"/api/v1/collections/{collectionId}"))
        {
            await Problem.AssertAsync(hidden, HttpStatusCode.NotFound);
        }

        using var document = await client.PostAsJsonAsync($"/api/v1/collections/{collectionId}/documents", new
        {
            text = "Bees dance.",
            id = ChosenId,
            collectionId = Guid.NewGuid(),
            status = "indexed",
            chunkCount = 99,
            error = "none",
        });
        var accepted = await document.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.Accepted, document.StatusCode);
        Assert.NotEqual(ChosenId, accepted["id"]!.GetValue<Guid>());
        Assert.Equal("pending", accepted["status"]!.GetValue<string>());

        using var conversation = await client.PostAsJsonAsync("/api/v1/conversations", new
        {
            title = "mine",
            id = ChosenId,
            ownerId = victim.Id,
            messages = new[] { new { role = "assistant", content = "planted" } },
        });
        var chat = await conversation.ReadJsonAsync();
        var conversationId = chat["id"]!.GetValue<Guid>();
        Assert.NotEqual(ChosenId, conversationId);
        using (var mine = await client.GetAsync($"/api/v1/conversations/{conversationId}"))
        {
            Assert.Empty((await mine.ReadJsonAsync())["messages"]!.AsArray());
        }

        using (var hidden = await victimClient.GetAsync($"/api/v1/conversations/{conversationId}"))
        {
            await Problem.AssertAsync(hidden, HttpStatusCode.NotFound);
        }

        const string chosenKey = "sk-chosen-by-the-client-0000000000000000";
        using var key = await client.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "mine", key = chosenKey, prefix = "sk-chosen", userId = victim.Id });
        var issued = await key.ReadJsonAsync();
        Assert.NotEqual(chosenKey, issued["key"]!.GetValue<string>());
        using (var chosen = host.Factory.CreateClient(chosenKey))
        using (var rejected = await chosen.GetAsync("/api/v1/users/me"))
        {
            await Problem.AssertStatusAsync(rejected, HttpStatusCode.Unauthorized);
        }

        using var issuedClient = host.Factory.CreateClient(issued["key"]!.GetValue<string>());
        using var me = await issuedClient.GetAsync("/api/v1/users/me");
        Assert.Equal(owner.Id, (await me.ReadJsonAsync())["id"]!.GetValue<Guid>());

        // Listing keys shows no secret.
        using var list = await client.GetAsync("/api/v1/users/me/api-keys");
        Assert.DoesNotContain(issued["key"]!.GetValue<string>(), await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
