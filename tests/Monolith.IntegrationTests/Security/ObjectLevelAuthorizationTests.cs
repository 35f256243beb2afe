using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Security;

/// <summary>
/// OWASP API1: every operation of the OpenAPI document that takes a resource id, tried by another user with the
/// owner's ids and a valid body, is a 404 problem (indistinguishable from a missing resource) and changes nothing.
/// A new id-bearing route without a body here fails the test, so none escapes the sweep.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ObjectLevelAuthorizationTests(HostFixture host)
{
    // Ids that name what every user shares (configured models), not a resource anyone owns.
    private static readonly HashSet<string> SharedOperations = ["GET /v1/models/{id}"];

    // Admin operations on another user's account: a user who is not an admin is refused (403) whatever the id.
    private static readonly Dictionary<string, object> AdminOperations = new()
    {
        ["PUT /api/v1/admin/users/{id}/limits"] = new { requestsPerMinute = 0 },
    };

    private static readonly Dictionary<string, object?> ValidBodies = new()
    {
        ["DELETE /api/v1/users/me/api-keys/{id}"] = null,
        ["GET /api/v1/collections/{id}"] = null,
        ["DELETE /api/v1/collections/{id}"] = null,
        ["POST /api/v1/collections/{id}/documents"] = new { text = "An intruder's document." },
        ["GET /api/v1/collections/{id}/documents"] = null,
        ["POST /api/v1/collections/{id}/documents/batch"] = new { documents = new[] { new { text = "An intruder's document." } } },
        ["GET /api/v1/collections/{id}/documents/{documentId}"] = null,
        ["GET /api/v1/collections/{id}/documents/{documentId}/file"] = null,
        ["POST /api/v1/collections/{id}/files"] = Files.FileApi.Form(new Files.FilePart("intruder.txt", "An intruder's file."u8.ToArray())),
        ["DELETE /api/v1/collections/{id}/documents/{documentId}"] = null,
        ["POST /api/v1/collections/{id}/search"] = new { query = "bees" },
        ["POST /api/v1/collections/{id}/evaluations"] = new { queries = new[] { new { query = "bees", judgments = new[] { new { externalId = "bees" } } } } },
        ["GET /api/v1/collections/{id}/evaluations"] = null,
        ["GET /api/v1/collections/{id}/evaluations/{evaluationId}"] = null,
        ["GET /api/v1/conversations/{id}"] = null,
        ["PATCH /api/v1/conversations/{id}"] = new { title = "taken over" },
        ["DELETE /api/v1/conversations/{id}"] = null,
        ["POST /api/v1/conversations/{id}/messages"] = new { content = "What do you know?" },
        ["GET /v1/responses/{id}"] = null,
        ["DELETE /v1/responses/{id}"] = null,
        ["GET /v1/responses/{id}/input_items"] = null,
    };

    [Fact]
    public async Task Another_users_ids_are_404_on_every_id_bearing_operation_and_nothing_changes()
    {
        var factory = host.Factory;
        var (ownerUser, owner) = await factory.NewUserClientAsync();
        var (_, intruder) = await factory.NewUserClientAsync();
        var ids = await CreateResourcesAsync(owner);
        using var anonymous = factory.CreateClient();
        var paths = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!["paths"]!.AsObject();

        var tried = new List<string>();
        foreach (var (template, item) in paths)
        {
            foreach (var (method, _) in item!.AsObject().Where(_ => template.Contains('{', StringComparison.Ordinal)))
            {
                var operation = $"{method.ToUpperInvariant()} {template}";
                if (SharedOperations.Contains(operation))
                {
                    continue;
                }

                if (AdminOperations.TryGetValue(operation, out var adminBody))
                {
                    using var adminOnly = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), template.Replace("{id}", ownerUser.Id.ToString(), StringComparison.Ordinal))
                    {
                        Content = JsonContent.Create(adminBody),
                    };
                    using var refused = await intruder.SendAsync(adminOnly);
                    await Problem.AssertStatusAsync(refused, HttpStatusCode.Forbidden); // the owner's requests below still pass: nothing was set
                    continue;
                }

                Assert.True(ValidBodies.TryGetValue(operation, out var body), $"{operation} takes an id: add it (and a valid body) to this sweep.");
                var path = template
                    .Replace("{documentId}", ids.Document.ToString(), StringComparison.Ordinal)
                    .Replace("{evaluationId}", ids.Evaluation.ToString(), StringComparison.Ordinal)
                    .Replace("{id}", template.Contains("/conversations/", StringComparison.Ordinal) ? ids.Conversation.ToString()
                        : template.Contains("/responses/", StringComparison.Ordinal) ? ids.Response
                        : template.Contains("/api-keys/", StringComparison.Ordinal) ? ids.ApiKey.ToString()
                        : ids.Collection.ToString(), StringComparison.Ordinal);
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path);
                if (body is not null)
                {
                    request.Content = body as HttpContent ?? JsonContent.Create(body); // an upload is a multipart form
                }

                using var response = await intruder.SendAsync(request);
                if (template.StartsWith("/v1/", StringComparison.Ordinal))
                {
                    await Embeddings.OpenAiError.AssertAsync(response, HttpStatusCode.NotFound, "invalid_request_error", code: "not_found"); // OpenAI's shape on /v1
                }
                else
                {
                    await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
                }

                tried.Add(operation);
            }
        }

        Assert.Equal(ValidBodies.Keys.Order(), tried.Order());

        // Untouched: the owner still sees the same resources and the key still works.
        using (var collection = await owner.GetAsync($"/api/v1/collections/{ids.Collection}"))
        {
            Assert.Equal(1, (await collection.ReadJsonAsync())["documentCounts"]!.AsObject().Sum(count => count.Value!.GetValue<int>()));
        }

        using (var conversation = await owner.GetAsync($"/api/v1/conversations/{ids.Conversation}"))
        {
            var body = await conversation.ReadJsonAsync();
            Assert.Equal("mine", body["title"]!.GetValue<string>());
            Assert.Empty(body["messages"]!.AsArray());
        }

        using (var document = await owner.GetAsync($"/api/v1/collections/{ids.Collection}/documents/{ids.Document}"))
        {
            Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        }

        using (var evaluations = await owner.GetAsync($"/api/v1/collections/{ids.Collection}/evaluations"))
        {
            var page = await evaluations.ReadJsonAsync();
            Assert.Equal(ids.Evaluation, Assert.Single(page["items"]!.AsArray())!["id"]!.GetValue<Guid>());
        }

        using (var response = await owner.GetAsync($"/v1/responses/{ids.Response}"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var keyClient = factory.CreateClient(ids.Key);
        using var me = await keyClient.GetAsync("/api/v1/users/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    private sealed record OwnedIds(Guid Collection, Guid Document, Guid Evaluation, Guid Conversation, string Response, Guid ApiKey, string Key);

    private static async Task<OwnedIds> CreateResourcesAsync(HttpClient owner)
    {
        async Task<JsonObject> PostAsync(string path, object body)
        {
            using var response = await owner.PostAsJsonAsync(path, body);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return await response.ReadJsonAsync();
        }

        var collection = (await PostAsync("/api/v1/collections", new { name = "mine" }))["id"]!.GetValue<Guid>();
        var document = (await PostAsync($"/api/v1/collections/{collection}/documents", new { text = "Bees dance." }))["id"]!.GetValue<Guid>();
        var evaluation = (await PostAsync($"/api/v1/collections/{collection}/evaluations", new { queries = new[] { new { query = "bees", judgments = new[] { new { documentId = document } } } } }))["id"]!.GetValue<Guid>();
        var conversation = (await PostAsync("/api/v1/conversations", new { title = "mine", collectionIds = new[] { collection } }))["id"]!.GetValue<Guid>();
        var response = (await PostAsync("/v1/responses", new { input = "What do you know?" }))["id"]!.GetValue<string>();
        var key = await PostAsync("/api/v1/users/me/api-keys", new { name = "mine" });
        return new OwnedIds(collection, document, evaluation, conversation, response, key["id"]!.GetValue<Guid>(), key["key"]!.GetValue<string>());
    }
}
