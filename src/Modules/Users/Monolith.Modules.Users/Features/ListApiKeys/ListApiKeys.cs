using MediatR;

namespace Monolith.Modules.Users.Features.ListApiKeys;

internal sealed record ListApiKeys(Guid UserId) : IRequest<ApiKeyList>;

internal sealed record ApiKeyList(IReadOnlyList<ApiKeySummary> Items);

/// <summary><paramref name="Scopes"/> null: the key may do everything its owner may. <paramref name="Expired"/>: it no longer works.</summary>
internal sealed record ApiKeySummary(
    Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt,
    bool Expired);
