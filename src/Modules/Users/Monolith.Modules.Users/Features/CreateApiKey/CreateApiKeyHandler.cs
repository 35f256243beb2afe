using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Users.Data;

namespace Monolith.Modules.Users.Features.CreateApiKey;

internal sealed class CreateApiKeyHandler(UsersDbContext db, TimeProvider clock) : IRequestHandler<CreateApiKey, CreatedApiKey>
{
    public const int MaximumKeysPerUser = 50;

    public async Task<CreatedApiKey> Handle(CreateApiKey request, CancellationToken cancellationToken)
    {
        if (await db.ApiKeys.CountAsync(k => k.UserId == request.UserId, cancellationToken) >= MaximumKeysPerUser)
        {
            throw ProblemException.Conflict($"A user can hold at most {MaximumKeysPerUser} API keys; revoke one first.");
        }

        var secret = ApiKeySecret.Generate();
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            UserId = request.UserId,
            Name = request.Name.Trim(),
            Prefix = ApiKeySecret.DisplayPrefix(secret),
            Hash = ApiKeySecret.Hash(secret),
            CreatedAt = clock.GetUtcNow(),
            Scopes = request.Scopes?.Distinct().ToList(),
            ExpiresAt = request.ExpiresAt?.ToUniversalTime(), // PostgreSQL's timestamptz takes UTC only
            Limits = request.Limits,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(key.Id, key.Name, secret, key.Prefix, key.CreatedAt, key.Scopes, key.ExpiresAt, key.Limits);
    }
}
