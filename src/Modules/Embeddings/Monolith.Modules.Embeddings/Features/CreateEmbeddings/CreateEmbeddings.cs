using MediatR;

namespace Monolith.Modules.Embeddings.Features.CreateEmbeddings;

internal sealed record CreateEmbeddings(Guid UserId, Guid? ApiKeyId, CreateEmbeddingsRequest Request) : IRequest<EmbeddingsResponse>;
