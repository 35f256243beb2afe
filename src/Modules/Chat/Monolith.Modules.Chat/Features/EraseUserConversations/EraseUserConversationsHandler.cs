using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Data;
using Monolith.Modules.Chat.Data;

namespace Monolith.Modules.Chat.Features.EraseUserConversations;

/// <summary>
/// Deletes the user's conversations and (cascade) their messages; the tombstone it leaves refuses a conversation
/// of the user still in flight (<see cref="UserErasure"/>). Idempotent.
/// </summary>
internal sealed class EraseUserConversationsHandler(ChatDbContext db, TimeProvider clock) : IRequestHandler<EraseUserConversations, Unit>
{
    public async Task<Unit> Handle(EraseUserConversations request, CancellationToken cancellationToken)
    {
        await db.EraseUserAsync(request.UserId, clock.GetUtcNow(),
            token => db.Conversations.Where(c => c.OwnerId == request.UserId).ExecuteDeleteAsync(token), cancellationToken);
        return Unit.Value;
    }
}
