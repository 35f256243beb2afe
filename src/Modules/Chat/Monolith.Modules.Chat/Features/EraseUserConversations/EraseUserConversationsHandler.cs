using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Data;
using Monolith.Modules.Chat.Data;

namespace Monolith.Modules.Chat.Features.EraseUserConversations;

/// <summary>
/// Deletes the user's conversations and (cascade) their messages, their stored responses and their chat usage; the tombstone it
/// leaves refuses a conversation or response of the user still in flight (<see cref="UserErasure"/>). Idempotent.
/// </summary>
internal sealed class EraseUserConversationsHandler(ChatDbContext db, TimeProvider clock) : IRequestHandler<EraseUserConversations, Unit>
{
    public async Task<Unit> Handle(EraseUserConversations request, CancellationToken cancellationToken)
    {
        await db.EraseUserAsync(request.UserId, clock.GetUtcNow(), async token =>
        {
            await db.Responses.Where(r => r.OwnerId == request.UserId).ExecuteDeleteAsync(token);
            await db.Usage.Where(u => u.UserId == request.UserId).ExecuteDeleteAsync(token);
            await db.Conversations.Where(c => c.OwnerId == request.UserId).ExecuteDeleteAsync(token);
        }, cancellationToken);
        return Unit.Value;
    }
}
