using MediatR;
using Monolith.Modules.Chat.Data;

namespace Monolith.Modules.Chat.Features.RenameConversation;

internal sealed class RenameConversationHandler(ChatDbContext db, TimeProvider clock) : IRequestHandler<RenameConversation, ConversationResponse>
{
    public async Task<ConversationResponse> Handle(RenameConversation request, CancellationToken cancellationToken)
    {
        var conversation = await db.OwnedConversationAsync(request.ConversationId, request.UserId, cancellationToken);
        conversation.Title = request.Title.Trim();
        conversation.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return ConversationResponse.From(conversation);
    }
}
