using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Users.Data;
using Monolith.Modules.Users.Throttling;

namespace Monolith.Modules.Users.Features.IssueToken;

internal sealed class IssueTokenHandler(UsersDbContext db, RoleAssigner roles, TokenIssuer issuer, LoginThrottle throttle)
    : IRequestHandler<IssueToken, TokenResponse>
{
    private static readonly PasswordHasher<User> Hasher = new();

    // Verifying against a fixed hash when the email is unknown keeps both failures equally slow,
    // so response time does not reveal which emails have accounts.
    private static readonly string UnknownUserHash = Hasher.HashPassword(null!, "not-a-real-password-0000");

    public async Task<TokenResponse> Handle(IssueToken request, CancellationToken cancellationToken)
    {
        var normalizedEmail = EmailAddress.Normalize(request.Email);
        var account = LoginThrottle.AccountKey(normalizedEmail);
        var address = LoginThrottle.AddressKey(request.ClientAddress);
        await throttle.EnsureLoginAllowedAsync(account, address, cancellationToken); // before the account is looked up: the same for unknown ones

        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken);
        var verification = Hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? UnknownUserHash, request.Password);
        if (user is null || verification == PasswordVerificationResult.Failed)
        {
            await throttle.RecordFailureAsync(account, address, cancellationToken);
            throw ProblemException.Unauthorized("Email or password is incorrect.");
        }

        await throttle.ForgetAccountAsync(account, cancellationToken);
        var (token, expiresIn) = issuer.Issue(user.Id, user.Email, roles.RolesFor(user.NormalizedEmail));
        return new TokenResponse(token, "Bearer", expiresIn);
    }
}
