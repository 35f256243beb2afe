using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Data;
using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Features.EraseUserData;

/// <summary>
/// Deletes the user's collections, and with them (cascade) their documents, files and chunks; the tombstone it
/// leaves refuses a collection of the user still in flight (<see cref="UserErasure"/>). Idempotent.
/// </summary>
internal sealed class EraseUserDataHandler(SearchDbContext db, TimeProvider clock) : IRequestHandler<EraseUserData, Unit>
{
    public async Task<Unit> Handle(EraseUserData request, CancellationToken cancellationToken)
    {
        await db.EraseUserAsync(request.UserId, clock.GetUtcNow(),
            token => db.Collections.Where(c => c.OwnerId == request.UserId).ExecuteDeleteAsync(token), cancellationToken);
        return Unit.Value;
    }
}
