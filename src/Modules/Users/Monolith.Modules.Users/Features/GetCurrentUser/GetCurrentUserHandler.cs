using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Users.Data;

namespace Monolith.Modules.Users.Features.GetCurrentUser;

internal sealed class GetCurrentUserHandler(UsersDbContext db, RoleAssigner roles) : IRequestHandler<GetCurrentUser, UserResponse>
{
    public async Task<UserResponse> Handle(GetCurrentUser request, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken)
            ?? throw ProblemException.NotFound("User");
        return UserResponse.From(user, roles.RolesFor(user.NormalizedEmail));
    }
}
