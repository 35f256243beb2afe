using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Chat.Data;

namespace Monolith.Modules.Chat.Features.DeleteResponse;

internal sealed class DeleteResponseHandler(ChatDbContext db) : IRequestHandler<DeleteResponse, Unit>
{
    public async Task<Unit> Handle(DeleteResponse request, CancellationToken cancellationToken)
    {
        var key = ResponseAccess.TryParse(request.ResponseId);
        var deleted = key is null ? 0 : await db.Responses.Where(r => r.Id == key && r.OwnerId == request.UserId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? throw ProblemException.NotFound("Response") : Unit.Value;
    }
}
