using MediatR;
using Monolith.Modules.Search.Contracts;

namespace Monolith.Modules.Search.Features.CheckCollections;

internal sealed record CheckCollectionsQuery(Guid UserId, IReadOnlyList<Guid> CollectionIds) : IRequest<CheckedCollections>;
