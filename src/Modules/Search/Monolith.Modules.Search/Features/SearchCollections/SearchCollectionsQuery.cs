using MediatR;
using Monolith.Modules.Search.Contracts;

namespace Monolith.Modules.Search.Features.SearchCollections;

internal sealed record SearchCollectionsQuery(Contracts.SearchCollections Request) : IRequest<SearchResults>;
