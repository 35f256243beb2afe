using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Features.ListEvaluations;

internal sealed class ListEvaluationsHandler(SearchDbContext db) : IRequestHandler<ListEvaluations, EvaluationPage>
{
    public async Task<EvaluationPage> Handle(ListEvaluations request, CancellationToken cancellationToken)
    {
        var collection = await db.OwnedCollectionAsync(request.CollectionId, request.UserId, cancellationToken);
        var evaluations = db.Evaluations.AsNoTracking().Where(e => e.CollectionId == collection.Id);
        var total = await evaluations.CountAsync(cancellationToken);
        var page = await evaluations
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .PageOf(request)
            .Select(e => new EvaluationResponse(
                e.Id, e.CollectionId, e.Name, EvaluationResponse.StatusName(e.Status), e.Error, e.Modes, e.QueryCount, e.CreatedAt, e.StartedAt, e.CompletedAt, e.Metrics, null))
            .ToListAsync(cancellationToken);
        return new EvaluationPage(page, request.Page, request.PageSize, total);
    }
}
