using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Users.Contracts;
using Monolith.Modules.Users.Data;
using Monolith.Modules.Users.Throttling;
using Npgsql;
using Wolverine.EntityFrameworkCore;

namespace Monolith.Modules.Users.Features.Register;

internal sealed class RegisterUserHandler(
    IDbContextOutbox<UsersDbContext> outbox, RoleAssigner roles, TimeProvider clock, LoginThrottle throttle)
    : IRequestHandler<RegisterUser, UserResponse>
{
    private static readonly PasswordHasher<User> Hasher = new();

    public async Task<UserResponse> Handle(RegisterUser request, CancellationToken cancellationToken)
    {
        await throttle.CountRegistrationAsync(request.ClientAddress, cancellationToken); // a duplicate counts too: it tells an email is taken
        var normalizedEmail = EmailAddress.Normalize(request.Email);
        var users = outbox.DbContext.Users;
        if (await users.AnyAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken))
        {
            throw DuplicateEmail();
        }

        var user = new User
        {
            Id = Guid.CreateVersion7(),
            Email = request.Email.Trim(),
            NormalizedEmail = normalizedEmail,
            DisplayName = request.DisplayName.Trim(),
            PasswordHash = "",
            CreatedAt = clock.GetUtcNow(),
        };
        user.PasswordHash = Hasher.HashPassword(user, request.Password);
        users.Add(user);
        await outbox.PublishAsync(new UserRegistered(user.Id, user.Email, user.CreatedAt));

        try
        {
            await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw DuplicateEmail(); // lost a race with a concurrent registration of the same email
        }

        return UserResponse.From(user, roles.RolesFor(normalizedEmail));
    }

    private static ProblemException DuplicateEmail() =>
        ProblemException.Conflict("An account with this email already exists.");
}
