using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Chat.Data;

namespace Monolith.Modules.Chat.Features;

internal static class ConversationAccess
{
    /// <summary>The caller's conversation; another user's is indistinguishable from a missing one (404).</summary>
    public static async Task<Conversation> OwnedConversationAsync(this ChatDbContext db, Guid conversationId, Guid userId, CancellationToken cancellationToken) =>
        await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId && c.OwnerId == userId, cancellationToken)
        ?? throw ProblemException.NotFound("Conversation");
}
