using Monolith.BuildingBlocks.Quotas;
using Monolith.BuildingBlocks.Security;
using Monolith.BuildingBlocks.Usage;
using Monolith.Modules.Chat.Data;

namespace Monolith.Modules.Chat.Answering;

/// <summary>
/// What one chat answer may spend (the caller's token budget less the prompt) and what it spent: recorded as the
/// user's usage (with the API key of the request, if any) and counted against the budget.
/// </summary>
internal sealed class ChatUsage(ChatDbContext db, ICurrentUser caller, ITokenBudget budget, TimeProvider clock)
{
    /// <summary>Output tokens the answer may have, null: not limited; a prompt that leaves no room is refused (429).</summary>
    public int? OutputAllowance(long inputTokens)
    {
        if (budget.Remaining is not { } left)
        {
            return null;
        }

        budget.EnsureAvailable(inputTokens + 1);
        return (int)Math.Min(int.MaxValue, left - inputTokens);
    }

    public static int? Tightest(int? requested, int? allowance) =>
        requested is { } r && allowance is { } a ? Math.Min(r, a) : requested ?? allowance;

    // CancellationToken.None: an answer the client stopped reading was still spent.
    public async Task RecordAsync(Guid userId, string model, long inputTokens, long outputTokens)
    {
        await budget.SpendAsync(inputTokens + outputTokens, CancellationToken.None);
        await db.RecordUsageAsync(new UsageRecord
        {
            UserId = userId,
            ApiKeyId = caller.ApiKeyId,
            Model = model,
            Source = UsageSources.Api,
            InputTokens = (int)Math.Min(int.MaxValue, inputTokens),
            OutputTokens = (int)Math.Min(int.MaxValue, outputTokens),
            CreatedAt = clock.GetUtcNow(),
        }, CancellationToken.None);
    }
}
