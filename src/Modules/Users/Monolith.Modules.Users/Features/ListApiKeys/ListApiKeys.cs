using MediatR;
using Monolith.Modules.Users.Contracts;

namespace Monolith.Modules.Users.Features.ListApiKeys;

internal sealed record ListApiKeys(Guid UserId) : IRequest<ApiKeyList>;

internal sealed record ApiKeyList(IReadOnlyList<ApiKeySummary> Items);

internal sealed record ApiKeySummary(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, CallerLimits? Limits);
