using MediatR;
using Monolith.Modules.Embeddings.Contracts;

namespace Monolith.Modules.Embeddings.Features.ListEmbeddingModels;

internal sealed record ListEmbeddingModelsQuery : IRequest<EmbeddingModelList>;
