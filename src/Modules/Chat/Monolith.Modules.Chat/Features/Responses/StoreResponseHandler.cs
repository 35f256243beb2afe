using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Data;
using Monolith.Modules.Chat.Data;

namespace Monolith.Modules.Chat.Features.Responses;

/// <summary>Stores the response and removes the caller's responses past the retention, so storage stays bounded without a sweeper.</summary>
internal sealed class StoreResponseHandler(ChatDbContext db, IOptions<ChatSettings> options, TimeProvider clock) : IRequestHandler<StoreResponse, Unit>
{
    public async Task<Unit> Handle(StoreResponse command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var keptSince = now.AddDays(-options.Value.Limits.StoredResponseDays);
        await db.Responses.Where(r => r.OwnerId == command.UserId && r.CreatedAt < keptSince).ExecuteDeleteAsync(cancellationToken);
        db.Responses.Add(new StoredResponse
        {
            Id = command.ResponseId,
            OwnerId = command.UserId,
            Body = command.Body,
            Conversation = command.Conversation,
            CreatedAt = now,
        });
        await db.SaveChangesUnlessErasedAsync(command.UserId, cancellationToken);
        return Unit.Value;
    }
}
