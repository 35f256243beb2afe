using MediatR;
using Monolith.Modules.Embeddings.Contracts;

namespace Monolith.Modules.Embeddings.Features.SumUsage;

internal sealed record SumUsageQuery(SumEmbeddingsUsage Request) : IRequest<EmbeddingsUsageSums>;
