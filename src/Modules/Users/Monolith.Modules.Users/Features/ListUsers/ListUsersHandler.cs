using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Users.Data;

namespace Monolith.Modules.Users.Features.ListUsers;

internal sealed class ListUsersHandler(UsersDbContext db, RoleAssigner roles) : IRequestHandler<ListUsers, UserPage>
{
    public async Task<UserPage> Handle(ListUsers request, CancellationToken cancellationToken)
    {
        var total = await db.Users.CountAsync(cancellationToken);
        var users = await db.Users.AsNoTracking()
            .OrderBy(u => u.CreatedAt).ThenBy(u => u.Id)
            .PageOf(request)
            .ToListAsync(cancellationToken);
        var items = users.Select(u => UserResponse.From(u, roles.RolesFor(u.NormalizedEmail))).ToList();
        return new UserPage(items, request.Page, request.PageSize, total);
    }
}
