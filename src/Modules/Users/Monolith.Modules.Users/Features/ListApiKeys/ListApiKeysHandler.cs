using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Usage;
using Monolith.Modules.Users.Data;

namespace Monolith.Modules.Users.Features.ListApiKeys;

/// <summary>The keys, each with the tokens it used today (usage is kept where models are called: asked of the host).</summary>
internal sealed class ListApiKeysHandler(UsersDbContext db, IUsageTotals usage, TimeProvider clock) : IRequestHandler<ListApiKeys, ApiKeyList>
{
    public async Task<ApiKeyList> Handle(ListApiKeys request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var keys = await db.ApiKeys.AsNoTracking()
            .Where(k => k.UserId == request.UserId)
            .OrderBy(k => k.CreatedAt)
            .Select(k => new ApiKeySummary(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.Scopes, k.ExpiresAt, k.ExpiresAt <= now, k.Limits))
            .ToListAsync(cancellationToken);
        if (keys.Count == 0)
        {
            return new ApiKeyList(keys);
        }

        // The whole UTC day, not up to this process's now: another process may record a call a moment "later".
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var tokens = await usage.TokensByKeyAsync(request.UserId, today, today.AddDays(1), cancellationToken);
        return new ApiKeyList(keys.Select(k => k with { TokensToday = tokens.GetValueOrDefault(k.Id) }).ToList());
    }
}
