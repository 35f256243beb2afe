using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monolith.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Monolith.IntegrationTests.Fuzzing;

/// <summary>
/// Sends <c>FUZZ_REQUESTS</c> (10,000) malformed requests generated from the host's own OpenAPI document, twice: with the
/// fixed seed <c>FUZZ_SEED</c> (default <see cref="DefaultSeed"/>; "random" picks one) and with a rotating seed
/// <c>FUZZ_ROTATING_SEED</c> (CI sets a new one each run and prints it; random when unset), so every run also explores
/// requests no earlier run sent. None may be a 5xx, and every error must be a problem document (OpenAI's error shape
/// under /v1). A failure prints its seed and the requests that reproduce it (replay: <c>FUZZ_SEED=&lt;seed&gt;</c>).
/// Admin routes are sent with an admin's token, so their bodies reach validation; the user whose limits they set is
/// a bystander (setting the fuzzing user's own limits could refuse the rest of the run).
/// </summary>
public sealed class OpenApiFuzzTests(ITestOutputHelper output)
{
    public const int DefaultSeed = 20261125;
    public const int DefaultRequests = 10_000;
    private const int Parallelism = 8;

    [Theory]
    [InlineData("FUZZ_SEED")]
    [InlineData("FUZZ_ROTATING_SEED")]
    public async Task Malformed_requests_to_every_operation_get_4xx_problem_documents_and_never_a_5xx(string seedVariable)
    {
        var seed = Seed(Environment.GetEnvironmentVariable(seedVariable), seedVariable == "FUZZ_SEED" ? DefaultSeed : null);
        output.WriteLine($"{seedVariable}: seed {seed}");
        var count = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_REQUESTS"), out var requested) ? requested : DefaultRequests;
        await using var factory = await MonolithFactory.StartAsync(new TestHostOptions
        {
            // Huge accepted documents would only measure the embedding model; 413 comes sooner.
            Settings = new Dictionary<string, string?> { ["Search:Limits:MaxDocumentCharacters"] = "20000" },
        });
        using var anonymous = factory.CreateClient();
        anonymous.Timeout = TimeSpan.FromSeconds(60);

        var (user, client) = await factory.NewUserClientAsync();
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        var (otherUser, other) = await factory.NewUserClientAsync();
        var (ownIds, apiKey) = await CreateResourcesAsync(client, bystander: otherUser.Id);
        var (otherIds, _) = await CreateResourcesAsync(other, bystander: Guid.NewGuid());
        using var admin = await factory.AdminClientAsync();
        var adminToken = admin.DefaultRequestHeaders.Authorization!.Parameter!;

        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!.AsObject();
        var fuzzer = new OpenApiFuzzer(document, ownIds, otherIds, seed);
        var requests = fuzzer.Generate(count).ToList();

        var statuses = new ConcurrentDictionary<int, int>();
        var violations = new ConcurrentBag<string>();
        var closedEarly = 0;
        var rejectedByKestrel = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (request, cancellationToken) =>
        {
            using var message = ToMessage(request, IsAdminRoute(request) ? adminToken : token, apiKey);
            try
            {
                using var response = await anonymous.SendAsync(message, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (IsKestrelRejection(request, response, text))
                {
                    Interlocked.Increment(ref rejectedByKestrel);
                }
                else if (Violation(request, response, text) is { } violation)
                {
                    violations.Add($"{violation}\n  {request.Describe()}\n  response {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
                }
            }
            catch (HttpRequestException) when (request.Body?.Length > 1_048_576)
            {
                // Kestrel may answer 413 and close before the client finished sending an oversized body.
                Interlocked.Increment(ref closedEarly);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                violations.Add($"no response ({exception.GetType().Name}: {exception.Message})\n  {request.Describe()}");
            }
        });
        clock.Stop();

        output.WriteLine($"seed {seed} (replay: FUZZ_SEED={seed} FUZZ_REQUESTS={count}), {requests.Count} requests over {fuzzer.Operations.Count} operations, "
            + $"{Parallelism} in parallel, {clock.Elapsed.TotalSeconds:F1} s ({requests.Count / clock.Elapsed.TotalSeconds:F0} requests/s)");
        output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}: {pair.Value}"))
            + $"; of the 400s, {rejectedByKestrel} rejected by Kestrel before routing (NUL in the path)"
            + (closedEarly > 0 ? $"; connection closed during an oversized upload: {closedEarly}" : ""));
        output.WriteLine("mutations: " + string.Join(", ", requests.GroupBy(r => r.Mutation).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")));

        Assert.True(violations.IsEmpty, $"{violations.Count} of {requests.Count} responses broke the rules (seed {seed}); the first ones:\n\n"
            + string.Join("\n\n", violations.Take(15)));
        Assert.Equal(fuzzer.Operations.Count, requests.Select(r => r.Operation).Distinct().Count());

        // The run damaged nothing it should not have: the host is ready and the fuzzing user still works.
        using var ready = await anonymous.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var me = await client.GetAsync("/api/v1/users/me");
        Assert.Equal(user.Id, (await me.ReadJsonAsync())["id"]!.GetValue<Guid>());
    }

    /// <summary>The configured seed; "random" (or nothing, without a default) picks one.</summary>
    private static int Seed(string? configured, int? defaultSeed) =>
        int.TryParse(configured, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed
        : string.Equals(configured, "random", StringComparison.OrdinalIgnoreCase) || defaultSeed is null ? Random.Shared.Next()
        : defaultSeed.Value;

    private static bool IsAdminRoute(FuzzRequest request) => request.Url.StartsWith("/api/v1/admin/", StringComparison.Ordinal);

    /// <summary>A collection with a document, a conversation over it and an API key, and a user for admin routes: the ids the fuzzer aims at.</summary>
    private static async Task<(FuzzIds Ids, string ApiKey)> CreateResourcesAsync(HttpClient client, Guid bystander)
    {
        async Task<JsonObject> PostAsync(string path, object body, HttpStatusCode expected)
        {
            using var response = await client.PostAsJsonAsync(path, body);
            Assert.Equal(expected, response.StatusCode);
            return await response.ReadJsonAsync();
        }

        var collection = (await PostAsync("/api/v1/collections", new { name = "fuzz" }, HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var document = (await PostAsync($"/api/v1/collections/{collection}/documents", new { text = "Honey bees find flowers by a waggle dance." }, HttpStatusCode.Accepted))["id"]!.GetValue<Guid>();
        var conversation = (await PostAsync("/api/v1/conversations", new { title = "fuzz", collectionIds = new[] { collection } }, HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var key = await PostAsync("/api/v1/users/me/api-keys", new { name = "fuzz" }, HttpStatusCode.Created);
        return (new FuzzIds(collection, document, conversation, key["id"]!.GetValue<Guid>(), bystander), key["key"]!.GetValue<string>());
    }

    private static HttpRequestMessage ToMessage(FuzzRequest request, string token, string apiKey)
    {
        // A connection per request: Kestrel drops connections after rejected bodies, and a non-idempotent request
        // sent on one it just dropped would fail in the client (not retried), which says nothing about the server.
        var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url) { Headers = { ConnectionClose = true } };
        var bearer = request.Credential switch
        {
            FuzzCredential.Token => token,
            FuzzCredential.ApiKey => apiKey,
            FuzzCredential.Garbage => request.Number % 3 == 0 ? "sk-" + Guid.NewGuid().ToString("N") : request.Number % 3 == 1 ? "a.b.c" : token[..^4] + "AAAA",
            _ => null,
        };
        if (bearer is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        return message;
    }

    /// <summary>
    /// Kestrel refuses a path that decodes to NUL while parsing the request line, before any middleware runs,
    /// with a bare 400 and a closed connection: no application code can answer it, so it cannot be a problem document.
    /// </summary>
    private static bool IsKestrelRejection(FuzzRequest request, HttpResponseMessage response, string text) =>
        response.StatusCode == HttpStatusCode.BadRequest && text.Length == 0 && response.Headers.ConnectionClose == true
        && request.Url.Split('?')[0].Contains("%00", StringComparison.Ordinal);

    /// <summary>What is wrong with the response, or null.</summary>
    private static string? Violation(FuzzRequest request, HttpResponseMessage response, string text)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return $"server error {status}";
        }

        if (status < 400)
        {
            return null;
        }

        JsonObject? body;
        try
        {
            body = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        if (new Uri("http://x" + request.Url).AbsolutePath.StartsWith("/v1/", StringComparison.OrdinalIgnoreCase))
        {
            return body?["error"] is JsonObject { } error && error["message"] is JsonValue && error["type"] is JsonValue
                ? null
                : "not an OpenAI error object";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json" || body is null)
        {
            return $"not a problem document ({response.Content.Headers.ContentType})";
        }

        return body["status"]?.GetValue<int>() == status && body["type"] is JsonValue && body["title"] is JsonValue
            ? null
            : "problem document without matching status, type or title";
    }
}
