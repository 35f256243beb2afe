using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.Modules.Users.Contracts;
using Monolith.Modules.Users.Data;

namespace Monolith.Modules.Users.Features.CheckUserActive;

/// <summary>The JWT scheme's check of a caller not cached (ADR 53); a pooled context, as every read on the request path (ADR 61).</summary>
internal sealed class CheckUserActiveHandler(IDbContextFactory<UsersDbContext> contexts, RoleAssigner roles, LimitsResolver limits) : IRequestHandler<CheckUserActiveQuery, CallerIdentity>
{
    public async Task<CallerIdentity> Handle(CheckUserActiveQuery request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.Where(u => u.Id == request.UserId).Select(u => new { u.NormalizedEmail, u.Limits }).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return CallerIdentity.Anonymous;
        }

        var userRoles = roles.RolesFor(user.NormalizedEmail);
        return new CallerIdentity(true, request.UserId, userRoles, UserLimits: limits.Effective(userRoles, user.Limits));
    }
}
