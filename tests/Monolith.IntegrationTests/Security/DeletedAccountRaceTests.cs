using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Monolith.IntegrationTests.Embeddings;
using Monolith.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Monolith.IntegrationTests.Security;

/// <summary>
/// Issue 11, item 3: a user's writes still in flight when the account is deleted (authenticated just before the
/// deletion, committing after a module's erase) left rows for good. Each trial is the probe's race: 16 clients of
/// one user loop creating collections (each with a document), conversations (each with a message) and embeddings
/// usage; after a second the account is deleted; once every request has been answered and every module has erased
/// the user, nothing of the user may be left in any module.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class DeletedAccountRaceTests(HostFixture host, ITestOutputHelper output)
{
    private const int Trials = 20;
    private const int Writers = 16;
    private static readonly TimeSpan DeleteAfter = TimeSpan.FromSeconds(1);
    private static readonly string[] Schemas = ["search", "chat", "embeddings"];

    private enum Kind
    {
        Collection,
        Conversation,
        Embeddings,
    }

    [Fact]
    public async Task Nothing_of_an_account_deleted_while_its_writes_are_in_flight_survives_in_any_module()
    {
        await WarmUpAsync();
        var left = new List<string>();
        var refusedInFlight = new Dictionary<Kind, int>();
        for (var trial = 1; trial <= Trials; trial++)
        {
            var (user, client) = await host.Factory.NewUserClientAsync();
            using var _ = client;
            var trace = new Trace();
            var writers = Enumerable.Range(0, Writers).Select(writer => WriteUntilRefusedAsync(client, (Kind)(writer % 3), trace)).ToList();
            await Task.Delay(DeleteAfter);
            using (var deleted = await client.DeleteAsync("/api/v1/users/me"))
            {
                Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            }

            await Task.WhenAll(writers);
            await WaitUntilErasedAsync(user.Id);

            Assert.Empty(trace.Unexpected);
            Assert.All(Enum.GetValues<Kind>(), kind => Assert.True(trace.Succeeded.GetValueOrDefault(kind) > 0, $"trial {trial}: no {kind} was written"));
            foreach (var (kind, count) in trace.RefusedInFlight)
            {
                refusedInFlight[kind] = refusedInFlight.GetValueOrDefault(kind) + count;
            }

            var rows = await RowsLeftAsync(user.Id, trace);
            if (rows.Count > 0)
            {
                left.Add($"trial {trial}: {string.Join(", ", rows)}");
            }

            output.WriteLine($"trial {trial}: written {Describe(trace.Succeeded)}; " +
                $"refused in flight {Describe(trace.RefusedInFlight)}; left {(rows.Count == 0 ? "nothing" : string.Join(", ", rows))}");
        }

        output.WriteLine($"{left.Count} of {Trials} trials left rows; writes in flight refused by a tombstone: {Describe(refusedInFlight)}");
        Assert.True(left.Count == 0, $"rows of deleted users survived the erase in {left.Count} of {Trials} trials:\n{string.Join("\n", left)}");
    }

    private static string Describe(IEnumerable<KeyValuePair<Kind, int>> counts) =>
        string.Join(", ", counts.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} {pair.Value}")) is { Length: > 0 } text ? text : "none";

    // A cold host's first embedding loads the model, which can outlast the second before the deletion.
    private async Task WarmUpAsync()
    {
        var (_, client) = await host.Factory.NewUserClientAsync();
        using var _ = client;
        var trace = new Trace();
        foreach (var kind in Enum.GetValues<Kind>())
        {
            using var response = await CreateAsync(client, kind);
            Assert.True(await trace.CountAsync(kind, response), $"warm-up {kind}: {string.Join(", ", trace.Unexpected)}");
        }
    }

    private static async Task<HttpResponseMessage> CreateAsync(HttpClient client, Kind kind) => kind switch
    {
        Kind.Collection => await client.PostAsJsonAsync("/api/v1/collections", new { name = "race" }),
        Kind.Conversation => await client.PostAsJsonAsync("/api/v1/conversations", new { title = "race" }),
        _ => await client.PostEmbeddingsAsync("""{"input":"A man is eating food."}"""),
    };

    // Loops until the account is gone (401: the deletion at authentication, or a tombstone in flight). A write under a
    // root erased meanwhile is 404 (the root is gone) or 409 (it lost the race with the cascade), never a 5xx.
    private static async Task WriteUntilRefusedAsync(HttpClient client, Kind kind, Trace trace)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var created = await CreateAsync(client, kind);
            if (!await trace.CountAsync(kind, created))
            {
                return;
            }

            if (kind == Kind.Embeddings)
            {
                continue;
            }

            var id = (await created.ReadJsonAsync())["id"]!.GetValue<Guid>();
            trace.Roots.Add(id);
            using var child = kind == Kind.Collection
                ? await client.PostAsJsonAsync($"/api/v1/collections/{id}/documents", new { text = "Bees dance to show the way to flowers." })
                : await client.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { content = "How do bees find flowers?" });
            if (!await trace.CountChildAsync(child))
            {
                return;
            }
        }

        trace.Unexpected.Add($"{kind}: still writing 60 s on");
    }

    private async Task WaitUntilErasedAsync(Guid userId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var schema in Schemas)
        {
            while (await host.Factory.Database.ScalarAsync<long>($"SELECT count(*) FROM {schema}.erased_users WHERE user_id = '{userId}'") == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{schema} has not erased the user 30 s after the deletion");
                await Task.Delay(100);
            }
        }
    }

    private async Task<List<string>> RowsLeftAsync(Guid userId, Trace trace)
    {
        var roots = trace.Roots.IsEmpty ? "NULL" : string.Join(", ", trace.Roots.Select(id => $"'{id}'"));
        var counts = new Dictionary<string, string>
        {
            ["search.collections"] = $"SELECT count(*) FROM search.collections WHERE owner_id = '{userId}'",
            ["search.documents"] = $"SELECT count(*) FROM search.documents WHERE owner_id = '{userId}' OR collection_id IN ({roots})",
            ["search.chunks"] = $"SELECT count(*) FROM search.chunks WHERE owner_id = '{userId}' OR collection_id IN ({roots})",
            ["search.evaluations"] = $"SELECT count(*) FROM search.evaluations WHERE owner_id = '{userId}' OR collection_id IN ({roots})",
            ["chat.conversations"] = $"SELECT count(*) FROM chat.conversations WHERE owner_id = '{userId}'",
            ["chat.responses"] = $"SELECT count(*) FROM chat.responses WHERE owner_id = '{userId}'",
            ["chat.messages"] = $"SELECT count(*) FROM chat.messages WHERE conversation_id IN ({roots})",
            ["embeddings.usage"] = $"SELECT count(*) FROM embeddings.usage WHERE user_id = '{userId}'",
        };
        var left = new List<string>();
        foreach (var (table, sql) in counts)
        {
            if (await host.Factory.Database.ScalarAsync<long>(sql) is var count and > 0)
            {
                left.Add($"{table} {count}");
            }
        }

        return left;
    }

    private sealed class Trace
    {
        private const string TombstoneDetail = "The account was deleted.";

        public ConcurrentDictionary<Kind, int> Succeeded { get; } = new();

        /// <summary>Writes answered 401 by a module's tombstone: they had passed authentication before the deletion.</summary>
        public ConcurrentDictionary<Kind, int> RefusedInFlight { get; } = new();

        public ConcurrentBag<Guid> Roots { get; } = [];

        public ConcurrentBag<string> Unexpected { get; } = [];

        /// <summary>Whether to go on: false once the account is refused.</summary>
        public async Task<bool> CountAsync(Kind kind, HttpResponseMessage response)
        {
            if (response.IsSuccessStatusCode)
            {
                Succeeded.AddOrUpdate(kind, 1, (_, count) => count + 1);
                return true;
            }

            return await StopAsync(kind, response);
        }

        public async Task<bool> CountChildAsync(HttpResponseMessage response) =>
            response.IsSuccessStatusCode
            || response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict
            || await StopAsync(null, response);

        // kind is null for a write under a root (a document, a message).
        private async Task<bool> StopAsync(Kind? kind, HttpResponseMessage response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                Unexpected.Add($"{kind?.ToString() ?? "child"}: {(int)response.StatusCode} {body}");
            }
            else if (kind is { } root && body.Contains(TombstoneDetail, StringComparison.Ordinal))
            {
                RefusedInFlight.AddOrUpdate(root, 1, (_, count) => count + 1);
            }

            return false;
        }
    }
}
