using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.BuildingBlocks.Security;
using Monolith.Modules.Users.Contracts;
using Monolith.Modules.Users.Data;
using Wolverine.EntityFrameworkCore;

namespace Monolith.Modules.Users.Features.RevokeApiKey;

/// <summary>Deletes the key and publishes <see cref="CredentialsRevoked"/> in the same transaction, so no process keeps accepting it.</summary>
internal sealed class RevokeApiKeyHandler(IDbContextOutbox<UsersDbContext> outbox, RevocationEpoch revocations) : IRequestHandler<RevokeApiKey, Unit>
{
    public async Task<Unit> Handle(RevokeApiKey request, CancellationToken cancellationToken)
    {
        // Filtering by owner makes another user's key indistinguishable from a missing one.
        var key = await outbox.DbContext.ApiKeys
            .SingleOrDefaultAsync(k => k.Id == request.KeyId && k.UserId == request.UserId, cancellationToken)
            ?? throw ProblemException.NotFound("API key");

        outbox.DbContext.ApiKeys.Remove(key);
        await outbox.PublishAsync(new CredentialsRevoked(request.UserId));
        await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
        await revocations.AdvanceAsync(); // every process asks about its cached callers again (ADR 53)
        return Unit.Value;
    }
}
