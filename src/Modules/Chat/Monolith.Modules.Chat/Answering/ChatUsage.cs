using Monolith.BuildingBlocks.Security;
using Monolith.BuildingBlocks.Usage;
using Monolith.Modules.Chat.Data;

namespace Monolith.Modules.Chat.Answering;

/// <summary>Records what one chat answer spent as the user's usage (with the API key of the request, if any).</summary>
internal sealed class ChatUsage(ChatDbContext db, ICurrentUser caller, TimeProvider clock)
{
    // CancellationToken.None: an answer the client stopped reading was still spent.
    public Task RecordAsync(Guid userId, string model, long inputTokens, long outputTokens) =>
        db.RecordUsageAsync(new UsageRecord
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
