using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Users.Data;

namespace Monolith.Modules.Users.Features.GetCurrentUser;

/// <summary>
/// Every authenticated client's first call, and the request-cost benchmark's subject: a pooled context (ADR 61) and a
/// compiled query reading only the response's columns (no password hash, no limits JSON, nothing tracked).
/// </summary>
internal sealed class GetCurrentUserHandler(IDbContextFactory<UsersDbContext> contexts, RoleAssigner roles) : IRequestHandler<GetCurrentUser, UserResponse>
{
    private static readonly Func<UsersDbContext, Guid, CancellationToken, Task<CurrentUserRow?>> ReadUser = EF.CompileAsyncQuery(
        (UsersDbContext db, Guid id, CancellationToken _) => db.Users.Where(u => u.Id == id)
            .Select(u => new CurrentUserRow(u.Id, u.Email, u.NormalizedEmail, u.DisplayName, u.CreatedAt))
            .SingleOrDefault());

    public async Task<UserResponse> Handle(GetCurrentUser request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await ReadUser(db, request.UserId, cancellationToken) ?? throw ProblemException.NotFound("User");
        return new UserResponse(user.Id, user.Email, user.DisplayName, roles.RolesFor(user.NormalizedEmail), user.CreatedAt);
    }

    private sealed record CurrentUserRow(Guid Id, string Email, string NormalizedEmail, string DisplayName, DateTimeOffset CreatedAt);
}
