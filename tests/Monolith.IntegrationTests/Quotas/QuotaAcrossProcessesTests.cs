using System.Net;
using System.Net.Http.Json;
using Monolith.IntegrationTests.Extraction;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Quotas;

/// <summary>Two host processes of every module (replicas over one database and the test RabbitMQ) count one caller together.</summary>
public sealed class QuotaAcrossProcessesTests
{
    private static readonly string[] EveryModule = ["Users", "Embeddings", "Search", "Chat"];

    [Fact]
    public async Task A_keys_daily_tokens_spent_through_two_processes_run_out_once_between_them()
    {
        await using var shape = await PlatformShape.StartAsync(EveryModule, EveryModule);
        using var first = shape.Process(0).CreateClient();
        var user = await first.RegisterUserAsync();
        first.DefaultRequestHeaders.Authorization = new("Bearer", await first.TokenAsync(user));

        // A day's window, so no minute ends while the (slow, two-process) test runs: four calls of 8 tokens. Should
        // UTC midnight pass meanwhile (the server's Date says), the day's count restarts, so the run is made again.
        var answers = await ServerDay.WithinOneAsync(async () =>
        {
            using var created = await first.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "shared", limits = new { embeddings = new { tokensPerDay = 32 } } });
            var key = (await created.ReadJsonAsync())["key"]!.GetValue<string>();
            using var onFirst = shape.Process(0).CreateClient();
            using var onSecond = shape.Process(1).CreateClient();
            onFirst.DefaultRequestHeaders.Authorization = new("Bearer", key);
            onSecond.DefaultRequestHeaders.Authorization = new("Bearer", key);

            var run = new List<(HttpStatusCode Status, string? Remaining)>();
            DateOnly? firstDay = null;
            var lastDay = default(DateOnly);
            foreach (var client in new[] { onFirst, onSecond, onFirst, onSecond, onSecond, onFirst })
            {
                using var response = await client.PostAsJsonAsync("/v1/embeddings", new { input = "A man is eating food." });
                run.Add((response.StatusCode, response.Headers.TryGetValues("x-ratelimit-remaining-tokens", out var values) ? values.Single() : null));
                lastDay = ServerDay.Of(response);
                firstDay ??= lastDay;
            }

            return (run, firstDay ?? lastDay, lastDay);
        });

        Assert.Equal(
            [(HttpStatusCode.OK, "24"), (HttpStatusCode.OK, "16"), (HttpStatusCode.OK, "8"), (HttpStatusCode.OK, "0"),
                (HttpStatusCode.TooManyRequests, "0"), (HttpStatusCode.TooManyRequests, "0")],
            answers);
    }
}
