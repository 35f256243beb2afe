using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.Modules.Users.Data;

namespace Monolith.Modules.Users.Features.ListApiKeys;

internal sealed class ListApiKeysHandler(UsersDbContext db, TimeProvider clock) : IRequestHandler<ListApiKeys, ApiKeyList>
{
    public async Task<ApiKeyList> Handle(ListApiKeys request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var keys = await db.ApiKeys.AsNoTracking()
            .Where(k => k.UserId == request.UserId)
            .OrderBy(k => k.CreatedAt)
            .Select(k => new ApiKeySummary(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.Scopes, k.ExpiresAt, k.ExpiresAt <= now, k.Limits))
            .ToListAsync(cancellationToken);
        return new ApiKeyList(keys);
    }
}
