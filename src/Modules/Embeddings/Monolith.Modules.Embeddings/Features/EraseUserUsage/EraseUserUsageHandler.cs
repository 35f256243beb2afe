using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Data;
using Monolith.Modules.Embeddings.Data;

namespace Monolith.Modules.Embeddings.Features.EraseUserUsage;

/// <summary>
/// Deletes the user's usage records; the tombstone it leaves refuses a usage record of the user still in flight
/// (<see cref="UserErasure"/>). Idempotent: a redelivered <c>UserDeleted</c> deletes nothing more.
/// </summary>
internal sealed class EraseUserUsageHandler(EmbeddingsDbContext db, TimeProvider clock) : IRequestHandler<EraseUserUsage, Unit>
{
    public async Task<Unit> Handle(EraseUserUsage request, CancellationToken cancellationToken)
    {
        await db.EraseUserAsync(request.UserId, clock.GetUtcNow(),
            token => db.Usage.Where(u => u.UserId == request.UserId).ExecuteDeleteAsync(token), cancellationToken);
        return Unit.Value;
    }
}
