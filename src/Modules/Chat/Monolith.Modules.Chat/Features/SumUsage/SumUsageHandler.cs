using MediatR;
using Monolith.BuildingBlocks.Usage;
using Monolith.Modules.Chat.Contracts;
using Monolith.Modules.Chat.Data;

namespace Monolith.Modules.Chat.Features.SumUsage;

internal sealed class SumUsageHandler(ChatDbContext db) : IRequestHandler<SumUsageQuery, ChatUsageSums>
{
    public async Task<ChatUsageSums> Handle(SumUsageQuery query, CancellationToken cancellationToken)
    {
        var request = query.Request;
        var rows = await db.SumAsync(request.UserId, request.From, request.To, request.GroupBy, cancellationToken);
        return new ChatUsageSums(rows.Select(row => new ChatUsageSum(row.Group, row.Requests, row.InputTokens, row.OutputTokens)).ToList());
    }
}
