using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Monolith.SearchBenchmarks;

/// <summary>The few calls of the public HTTP API the benchmark makes, as a client would make them.</summary>
internal sealed class MonolithApi(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Registers a user, logs in and creates an API key, which authenticates every later call.</summary>
    public async Task SignUpWithApiKeyAsync()
    {
        var email = $"bench-{Guid.NewGuid():N}@example.com";
        const string password = "benchmark-password-123";
        await SendAsync(HttpMethod.Post, "/api/v1/auth/register", new { email, password, displayName = "Search benchmark" });
        var token = await SendAsync<TokenResponse>(HttpMethod.Post, "/api/v1/auth/token", new { email, password });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        var key = await SendAsync<CreatedApiKey>(HttpMethod.Post, "/api/v1/users/me/api-keys", new { name = "search benchmark" });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Key);
    }

    public Task<Collection> CreateCollectionAsync(string name) =>
        SendAsync<Collection>(HttpMethod.Post, "/api/v1/collections", new { name, description = "search benchmark" });

    public Task<Collection> GetCollectionAsync(Guid id) =>
        SendAsync<Collection>(HttpMethod.Get, $"/api/v1/collections/{id}", null);

    public async Task<Guid[]> AddDocumentsAsync(Guid collection, IEnumerable<NewDocument> documents) =>
        [.. (await SendAsync<AcceptedDocuments>(HttpMethod.Post, $"/api/v1/collections/{collection}/documents/batch", new { documents })).Items.Select(d => d.Id)];

    /// <summary>The cheapest authenticated call: API key check and one primary-key read (<c>GET /api/v1/users/me</c>).</summary>
    public async Task MeAsync()
    {
        using var response = await http.GetAsync(new Uri("/api/v1/users/me", UriKind.Relative));
        _ = await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The request body of a search, serialised before the clock starts (as a client holding the query would).</summary>
    public static byte[] SearchBody(string query, string mode, int topK) =>
        JsonSerializer.SerializeToUtf8Bytes(new { query, mode, topK }, Json);

    /// <summary>One search, the whole response body read; parse it with <see cref="ParseSearch"/> after timing.</summary>
    public async Task<byte[]> SearchAsync(Guid collection, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(new Uri($"/api/v1/collections/{collection}/search", UriKind.Relative), content);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode
            ? bytes
            : throw new HttpRequestException($"search: {(int)response.StatusCode} {Encoding.UTF8.GetString(bytes)}");
    }

    public static SearchResponse ParseSearch(byte[] body) =>
        JsonSerializer.Deserialize<SearchResponse>(body, Json) ?? throw new InvalidOperationException("empty search response");

    private async Task SendAsync(HttpMethod method, string path, object? body)
    {
        using var response = await SendRawAsync(method, path, body);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body)
    {
        using var response = await SendRawAsync(method, path, body);
        return await response.Content.ReadFromJsonAsync<T>(Json) ?? throw new InvalidOperationException($"{path}: empty response");
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            var problem = await response.Content.ReadAsStringAsync();
            response.Dispose();
            throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {problem}");
        }

        return response;
    }
}

internal sealed record TokenResponse(string AccessToken);

internal sealed record CreatedApiKey(string Key);

internal sealed record DocumentCounts(int Pending, int Indexed, int Failed);

internal sealed record Collection(Guid Id, string EmbeddingModel, int Dimensions, DocumentCounts? DocumentCounts);

internal sealed record AcceptedDocument(Guid Id);

internal sealed record AcceptedDocuments(IReadOnlyList<AcceptedDocument> Items);

internal sealed record NewDocument(string Text, string? Title, Dictionary<string, string>? Metadata);

internal sealed record SearchHit(Guid ChunkId, double Score);

internal sealed record SearchResponse(IReadOnlyList<SearchHit> Items, string Mode, double TookMs);
