using MediatR;
using Monolith.Modules.Search.Contracts;
using Wolverine;

namespace Monolith.Modules.Search.Features.SearchCollections;

/// <summary>Answers <see cref="Contracts.SearchCollections"/> for other modules (Chat). Public only because Wolverine's generated code calls it.</summary>
public sealed class SearchCollectionsConsumer : IWolverineHandler
{
    public static Task<SearchResults> Handle(Contracts.SearchCollections message, IMediator mediator, CancellationToken cancellationToken) =>
        mediator.Send(new SearchCollectionsQuery(message), cancellationToken);
}
