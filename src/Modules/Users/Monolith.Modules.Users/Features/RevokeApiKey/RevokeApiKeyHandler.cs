using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Users.Data;

namespace Monolith.Modules.Users.Features.RevokeApiKey;

internal sealed class RevokeApiKeyHandler(UsersDbContext db) : IRequestHandler<RevokeApiKey, Unit>
{
    public async Task<Unit> Handle(RevokeApiKey request, CancellationToken cancellationToken)
    {
        // Filtering by owner makes another user's key indistinguishable from a missing one.
        var deleted = await db.ApiKeys
            .Where(k => k.Id == request.KeyId && k.UserId == request.UserId)
            .ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? throw ProblemException.NotFound("API key") : Unit.Value;
    }
}
