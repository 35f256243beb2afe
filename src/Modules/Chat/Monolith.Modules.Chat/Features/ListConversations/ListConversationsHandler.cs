using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Chat.Data;

namespace Monolith.Modules.Chat.Features.ListConversations;

internal sealed class ListConversationsHandler(ChatDbContext db) : IRequestHandler<ListConversations, ConversationPage>
{
    public async Task<ConversationPage> Handle(ListConversations request, CancellationToken cancellationToken)
    {
        var owned = db.Conversations.AsNoTracking().Where(c => c.OwnerId == request.UserId);
        var total = await owned.CountAsync(cancellationToken);
        var page = await owned
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .PageOf(request)
            .ToListAsync(cancellationToken);
        return new ConversationPage(page.Select(c => ConversationResponse.From(c)).ToList(), request.Page, request.PageSize, total);
    }
}
