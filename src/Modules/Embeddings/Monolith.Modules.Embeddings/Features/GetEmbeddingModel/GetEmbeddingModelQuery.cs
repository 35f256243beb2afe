using MediatR;
using Monolith.Modules.Embeddings.Contracts;

namespace Monolith.Modules.Embeddings.Features.GetEmbeddingModel;

internal sealed record GetEmbeddingModelQuery(string? Model) : IRequest<EmbeddingModelInfo>;
