using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.Modules.Chat.Data;

namespace Monolith.Modules.Chat.Features.GetConversation;

internal sealed class GetConversationHandler(ChatDbContext db) : IRequestHandler<GetConversation, ConversationResponse>
{
    public async Task<ConversationResponse> Handle(GetConversation request, CancellationToken cancellationToken)
    {
        var conversation = await db.OwnedConversationAsync(request.ConversationId, request.UserId, cancellationToken);
        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversation.Id)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
        return ConversationResponse.From(conversation, messages.Select(MessageResponse.From).ToList());
    }
}
