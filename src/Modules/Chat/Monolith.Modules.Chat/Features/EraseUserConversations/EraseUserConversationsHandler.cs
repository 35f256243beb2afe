using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.Modules.Chat.Data;

namespace Monolith.Modules.Chat.Features.EraseUserConversations;

/// <summary>Deletes the user's conversations and (cascade) their messages, and their stored responses. Idempotent.</summary>
internal sealed class EraseUserConversationsHandler(ChatDbContext db) : IRequestHandler<EraseUserConversations, Unit>
{
    public async Task<Unit> Handle(EraseUserConversations request, CancellationToken cancellationToken)
    {
        await db.Responses.Where(r => r.OwnerId == request.UserId).ExecuteDeleteAsync(cancellationToken);
        await db.Conversations.Where(c => c.OwnerId == request.UserId).ExecuteDeleteAsync(cancellationToken);
        return Unit.Value;
    }
}
