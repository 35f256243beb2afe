using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.Modules.Embeddings.Data;

namespace Monolith.Modules.Embeddings.Features.EraseUserUsage;

/// <summary>Idempotent: a redelivered <c>UserDeleted</c> deletes nothing more.</summary>
internal sealed class EraseUserUsageHandler(EmbeddingsDbContext db) : IRequestHandler<EraseUserUsage, Unit>
{
    public async Task<Unit> Handle(EraseUserUsage request, CancellationToken cancellationToken)
    {
        await db.Usage.Where(u => u.UserId == request.UserId).ExecuteDeleteAsync(cancellationToken);
        return Unit.Value;
    }
}
