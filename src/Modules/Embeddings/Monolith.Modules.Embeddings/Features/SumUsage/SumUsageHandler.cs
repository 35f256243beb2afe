using MediatR;
using Monolith.BuildingBlocks.Usage;
using Monolith.Modules.Embeddings.Contracts;
using Monolith.Modules.Embeddings.Data;

namespace Monolith.Modules.Embeddings.Features.SumUsage;

internal sealed class SumUsageHandler(EmbeddingsDbContext db) : IRequestHandler<SumUsageQuery, EmbeddingsUsageSums>
{
    public async Task<EmbeddingsUsageSums> Handle(SumUsageQuery query, CancellationToken cancellationToken)
    {
        var request = query.Request;
        var rows = await db.SumAsync(request.UserId, request.From, request.To, request.GroupBy, cancellationToken);
        return new EmbeddingsUsageSums(rows.Select(row => new EmbeddingsUsageSum(row.Group, row.Requests, row.InputTokens, row.OutputTokens)).ToList());
    }
}
