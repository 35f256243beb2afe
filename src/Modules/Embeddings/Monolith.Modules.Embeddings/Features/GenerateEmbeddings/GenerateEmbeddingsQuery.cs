using MediatR;
using Monolith.Modules.Embeddings.Contracts;

namespace Monolith.Modules.Embeddings.Features.GenerateEmbeddings;

internal sealed record GenerateEmbeddingsQuery(Contracts.GenerateEmbeddings Request) : IRequest<GeneratedEmbeddings>;
