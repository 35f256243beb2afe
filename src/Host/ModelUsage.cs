using Monolith.BuildingBlocks.Usage;
using Monolith.Modules.Chat.Contracts;
using Monolith.Modules.Embeddings.Contracts;
using Wolverine;
using static Monolith.Host.UsageReports;

namespace Monolith.Host;

/// <summary>
/// Usage summed over the modules that call models (Embeddings, Chat: each keeps its own), through their contracts: for
/// the usage reports and, as <see cref="IUsageTotals"/>, for the API key list.
/// </summary>
internal sealed class ModelUsage(IMessageBus bus, ModelUsage.AnsweringModules modules) : IUsageTotals
{
    /// <summary>The modules that answer this process's contracts (see Program.cs).</summary>
    internal sealed record AnsweringModules(IReadOnlySet<string> Names);

    /// <summary>Per group (<see cref="UsageLedger.Groupings"/>) and kind of call; <paramref name="userId"/> null: every user.</summary>
    public async Task<IReadOnlyList<UsageItem>> SumAsync(
        Guid? userId, DateTimeOffset from, DateTimeOffset to, string groupBy, CancellationToken cancellationToken)
    {
        var items = new List<UsageItem>();
        if (modules.Names.Contains("Embeddings"))
        {
            var sums = await bus.InvokeAsync<EmbeddingsUsageSums>(new SumEmbeddingsUsage(userId, from, to, groupBy), cancellationToken);
            items.AddRange(sums.Items.Select(s => new UsageItem("embeddings", s.Group, s.Requests, s.InputTokens, s.OutputTokens, s.InputTokens + s.OutputTokens)));
        }

        if (modules.Names.Contains("Chat"))
        {
            var sums = await bus.InvokeAsync<ChatUsageSums>(new SumChatUsage(userId, from, to, groupBy), cancellationToken);
            items.AddRange(sums.Items.Select(s => new UsageItem("chat", s.Group, s.Requests, s.InputTokens, s.OutputTokens, s.InputTokens + s.OutputTokens)));
        }

        return items;
    }

    public async Task<IReadOnlyDictionary<Guid, long>> TokensByKeyAsync(Guid userId, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
        (await SumAsync(userId, since, until, "key", cancellationToken))
            .Where(item => item.Group.Length > 0) // "": calls made with a login token
            .GroupBy(item => Guid.Parse(item.Group))
            .ToDictionary(key => key.Key, key => key.Sum(item => item.TotalTokens));
}
