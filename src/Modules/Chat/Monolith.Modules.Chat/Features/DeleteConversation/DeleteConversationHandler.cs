using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Chat.Data;

namespace Monolith.Modules.Chat.Features.DeleteConversation;

internal sealed class DeleteConversationHandler(ChatDbContext db) : IRequestHandler<DeleteConversation, Unit>
{
    public async Task<Unit> Handle(DeleteConversation request, CancellationToken cancellationToken)
    {
        var deleted = await db.Conversations
            .Where(c => c.Id == request.ConversationId && c.OwnerId == request.UserId)
            .ExecuteDeleteAsync(cancellationToken); // messages cascade
        return deleted == 0 ? throw ProblemException.NotFound("Conversation") : Unit.Value;
    }
}
