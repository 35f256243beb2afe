using MediatR;

namespace Monolith.Modules.Embeddings.Features.CreateEmbeddings;

internal sealed record CreateEmbeddings(Guid UserId, CreateEmbeddingsRequest Request) : IRequest<EmbeddingsResponse>;
