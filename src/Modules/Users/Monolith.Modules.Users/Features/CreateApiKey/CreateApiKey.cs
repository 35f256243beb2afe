using MediatR;
using Monolith.Modules.Users.Contracts;

namespace Monolith.Modules.Users.Features.CreateApiKey;

/// <summary>
/// <paramref name="Scopes"/> omitted: the key may do everything its owner may; <paramref name="ExpiresAt"/> omitted: it never expires;
/// <paramref name="Limits"/>: the key's own quota limits, counted besides its owner's (so a key stays within them).
/// </summary>
internal sealed record CreateApiKeyRequest(string Name, IReadOnlyList<string>? Scopes = null, DateTimeOffset? ExpiresAt = null, CallerLimits? Limits = null);

/// <summary>The key is asked for by <paramref name="Creator"/>: what they may hand on bounds the new key.</summary>
internal sealed record CreateApiKey(Guid UserId, string Name, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt, KeyCreator Creator, CallerLimits? Limits = null)
    : IRequest<CreatedApiKey>;

/// <summary>Who asks for a key: an admin or not, and, when they use a key themselves, its scopes and expiry.</summary>
internal sealed record KeyCreator(bool IsAdmin, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt);

/// <summary>The only response that ever carries the key itself.</summary>
internal sealed record CreatedApiKey(
    Guid Id, string Name, string Key, string Prefix, DateTimeOffset CreatedAt, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt,
    CallerLimits? Limits);
