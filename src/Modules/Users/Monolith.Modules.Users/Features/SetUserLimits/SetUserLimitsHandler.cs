using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.BuildingBlocks.Security;
using Monolith.Modules.Users.Contracts;
using Monolith.Modules.Users.Data;
using Wolverine.EntityFrameworkCore;

namespace Monolith.Modules.Users.Features.SetUserLimits;

/// <summary>
/// Stores the user's limits and publishes <see cref="CredentialsRevoked"/> in the same transaction: every process
/// drops the identity it cached for the user (the limits travel with it), so the new limits apply at once.
/// </summary>
internal sealed class SetUserLimitsHandler(IDbContextOutbox<UsersDbContext> outbox, RoleAssigner roles, LimitsResolver limits, RevocationEpoch revocations)
    : IRequestHandler<SetUserLimits, UserLimits>
{
    public async Task<UserLimits> Handle(SetUserLimits request, CancellationToken cancellationToken)
    {
        var user = await outbox.DbContext.Users.SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken)
            ?? throw ProblemException.NotFound("User");
        user.Limits = request.Limits;
        await outbox.PublishAsync(new CredentialsRevoked(user.Id));
        await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
        await revocations.AdvanceAsync(); // every process asks about its cached callers again (ADR 53)
        return new UserLimits(user.Id, request.Limits, limits.Effective(roles.RolesFor(user.NormalizedEmail), request.Limits));
    }
}
