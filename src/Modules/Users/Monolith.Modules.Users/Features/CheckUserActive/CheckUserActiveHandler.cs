using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.Modules.Users.Contracts;
using Monolith.Modules.Users.Data;

namespace Monolith.Modules.Users.Features.CheckUserActive;

internal sealed class CheckUserActiveHandler(UsersDbContext db, RoleAssigner roles) : IRequestHandler<CheckUserActiveQuery, CallerIdentity>
{
    public async Task<CallerIdentity> Handle(CheckUserActiveQuery request, CancellationToken cancellationToken)
    {
        var email = await db.Users.Where(u => u.Id == request.UserId).Select(u => u.NormalizedEmail).SingleOrDefaultAsync(cancellationToken);
        return email is null ? CallerIdentity.Anonymous : new CallerIdentity(true, request.UserId, roles.RolesFor(email));
    }
}
