using MediatR;
using Monolith.Modules.Users.Contracts;

namespace Monolith.Modules.Users.Features.ListApiKeys;

internal sealed record ListApiKeys(Guid UserId) : IRequest<ApiKeyList>;

internal sealed record ApiKeyList(IReadOnlyList<ApiKeySummary> Items);

/// <summary>
/// <paramref name="Scopes"/> null: the key may do everything its owner may. <paramref name="Expired"/>: it no longer works.
/// <paramref name="Limits"/>: the key's own quota limits (null: only its owner's). <paramref name="TokensToday"/>: embedding
/// and chat tokens (input and output) the key's calls used since midnight UTC.
/// </summary>
internal sealed record ApiKeySummary(
    Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt,
    bool Expired, CallerLimits? Limits, long TokensToday = 0);
