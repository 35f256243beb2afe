using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.BuildingBlocks.Security;
using Monolith.Modules.Users.Contracts;
using Monolith.Modules.Users.Data;
using Wolverine.EntityFrameworkCore;

namespace Monolith.Modules.Users.Features.DeleteCurrentUser;

/// <summary>
/// Deletes the account and its keys and publishes <see cref="UserDeleted"/> in the same
/// transaction, so other modules erase the user's data even if this process dies right after.
/// </summary>
internal sealed class DeleteCurrentUserHandler(IDbContextOutbox<UsersDbContext> outbox, TimeProvider clock, RevocationEpoch revocations)
    : IRequestHandler<DeleteCurrentUser, Unit>
{
    public async Task<Unit> Handle(DeleteCurrentUser request, CancellationToken cancellationToken)
    {
        var user = await outbox.DbContext.Users.SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken)
            ?? throw ProblemException.NotFound("User");

        outbox.DbContext.Users.Remove(user); // API keys go with it (cascade)
        await outbox.PublishAsync(new UserDeleted(user.Id, clock.GetUtcNow()));
        await outbox.PublishAsync(new CredentialsRevoked(user.Id));
        await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
        await revocations.AdvanceAsync(); // every process asks about its cached callers again (ADR 53)
        return Unit.Value;
    }
}
