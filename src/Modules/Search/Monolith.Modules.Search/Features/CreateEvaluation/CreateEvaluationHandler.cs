using MediatR;
using Monolith.Modules.Search.Data;
using Monolith.Modules.Search.Features.SearchCollection;
using Wolverine.EntityFrameworkCore;

namespace Monolith.Modules.Search.Features.CreateEvaluation;

/// <summary>Stores the evaluation as pending and enqueues its run in the same transaction (Wolverine outbox), as ingestion does.</summary>
internal sealed class CreateEvaluationHandler(IDbContextOutbox<SearchDbContext> outbox, TimeProvider clock) : IRequestHandler<CreateEvaluation, EvaluationResponse>
{
    public async Task<EvaluationResponse> Handle(CreateEvaluation command, CancellationToken cancellationToken)
    {
        var collection = await outbox.DbContext.OwnedCollectionAsync(command.CollectionId, command.UserId, cancellationToken);
        var queries = command.Request.Queries!;
        var evaluation = new EvaluationRun
        {
            Id = Guid.CreateVersion7(),
            CollectionId = collection.Id,
            OwnerId = command.UserId,
            Name = string.IsNullOrWhiteSpace(command.Request.Name) ? null : command.Request.Name.Trim(),
            Status = EvaluationStatus.Pending,
            Modes = [.. command.Request.Modes ?? SearchRequestRules.Modes],
            Queries = [.. queries],
            QueryCount = queries.Count,
            CreatedAt = clock.GetUtcNow(),
        };
        outbox.DbContext.Evaluations.Add(evaluation);
        await outbox.PublishAsync(new Contracts.RunEvaluation(evaluation.Id));
        await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
        return EvaluationResponse.From(evaluation);
    }
}
