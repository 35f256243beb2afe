using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Features.EraseUserData;

/// <summary>Deletes the user's collections, and with them (cascade) their documents and chunks. Idempotent.</summary>
internal sealed class EraseUserDataHandler(SearchDbContext db) : IRequestHandler<EraseUserData, Unit>
{
    public async Task<Unit> Handle(EraseUserData request, CancellationToken cancellationToken)
    {
        await db.Collections.Where(c => c.OwnerId == request.UserId).ExecuteDeleteAsync(cancellationToken);
        return Unit.Value;
    }
}
