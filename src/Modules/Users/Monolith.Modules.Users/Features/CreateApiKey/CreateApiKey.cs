using MediatR;

namespace Monolith.Modules.Users.Features.CreateApiKey;

internal sealed record CreateApiKeyRequest(string Name);

internal sealed record CreateApiKey(Guid UserId, string Name) : IRequest<CreatedApiKey>;

/// <summary>The only response that ever carries the key itself.</summary>
internal sealed record CreatedApiKey(Guid Id, string Name, string Key, string Prefix, DateTimeOffset CreatedAt);
