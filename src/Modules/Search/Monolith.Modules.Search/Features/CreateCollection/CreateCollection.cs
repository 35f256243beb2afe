using MediatR;

namespace Monolith.Modules.Search.Features.CreateCollection;

/// <summary><see cref="TextSearchConfig"/>: a built-in PostgreSQL text search configuration (english by default, simple, german, …).</summary>
internal sealed record CreateCollectionRequest(string Name, string? Description, string? EmbeddingModel, string? TextSearchConfig = null);

internal sealed record CreateCollection(Guid UserId, string Name, string? Description, string? EmbeddingModel, string? TextSearchConfig = null) : IRequest<CollectionResponse>;
