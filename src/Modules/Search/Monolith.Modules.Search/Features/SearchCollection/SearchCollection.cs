using MediatR;
using Monolith.Modules.Search.Contracts;

namespace Monolith.Modules.Search.Features.SearchCollection;

internal sealed record SearchRequest(string Query, string? Mode, int? TopK, Dictionary<string, string>? Filter, double? MinScore);

internal sealed record SearchCollection(Guid UserId, Guid CollectionId, SearchRequest Request) : IRequest<SearchResponse>;

internal sealed record SearchResponse(IReadOnlyList<SearchHit> Items, string Mode, double TookMs);
