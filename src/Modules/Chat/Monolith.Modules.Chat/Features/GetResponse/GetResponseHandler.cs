using MediatR;
using Microsoft.Extensions.Options;
using Monolith.Modules.Chat.Data;

namespace Monolith.Modules.Chat.Features.GetResponse;

internal sealed class GetResponseHandler(ChatDbContext db, IOptions<ChatSettings> options, TimeProvider clock) : IRequestHandler<GetResponse, string>
{
    public async Task<string> Handle(GetResponse request, CancellationToken cancellationToken) =>
        (await db.OwnedResponseAsync(request.ResponseId, request.UserId, clock.GetUtcNow().AddDays(-options.Value.Limits.StoredResponseDays), cancellationToken)).Body;
}
