using MediatR;
using Monolith.Modules.Users.Contracts;

namespace Monolith.Modules.Users.Features.CreateApiKey;

/// <summary><paramref name="Limits"/>: the key's own limits, counted besides its owner's (so a key stays within them).</summary>
internal sealed record CreateApiKeyRequest(string Name, CallerLimits? Limits = null);

internal sealed record CreateApiKey(Guid UserId, string Name, CallerLimits? Limits = null) : IRequest<CreatedApiKey>;

/// <summary>The only response that ever carries the key itself.</summary>
internal sealed record CreatedApiKey(Guid Id, string Name, string Key, string Prefix, DateTimeOffset CreatedAt);
