using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Data;
using Monolith.Modules.Search.Data;
using Monolith.Modules.Search.Evaluation;
using Monolith.Modules.Search.Retrieval;

namespace Monolith.Modules.Search.Features.RunEvaluation;

/// <summary>
/// Searches every query in every mode of the evaluation, as a client would (topK at the API's limit, default
/// hybrid settings), and stores the scores in one transaction. Redelivery is harmless: a finished evaluation is
/// skipped, an unfinished one starts over.
/// </summary>
internal sealed class RunEvaluationHandler(
    SearchDbContext db, ChunkSearch search, IOptions<SearchOptions> options, TimeProvider clock, ILogger<RunEvaluationHandler> logger)
    : IRequestHandler<RunEvaluationCommand, Unit>
{
    public async Task<Unit> Handle(RunEvaluationCommand command, CancellationToken cancellationToken)
    {
        var evaluation = await db.Evaluations.SingleOrDefaultAsync(e => e.Id == command.EvaluationId, cancellationToken);
        if (evaluation is not { Status: EvaluationStatus.Pending or EvaluationStatus.Running })
        {
            return Unit.Value; // its collection was deleted meanwhile, or an earlier delivery finished it
        }

        try
        {
            evaluation.Status = EvaluationStatus.Running;
            evaluation.StartedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);

            var collection = await db.Collections.AsNoTracking().SingleAsync(c => c.Id == evaluation.CollectionId, cancellationToken);
            var results = new List<QueryResult>(evaluation.Queries.Count);
            foreach (var query in evaluation.Queries)
            {
                var modes = new Dictionary<string, QueryModeResult>();
                foreach (var mode in evaluation.Modes)
                {
                    var hits = await search.SearchAsync(
                        [collection], new SearchQuery(query.Query, Enum.Parse<SearchMode>(mode, ignoreCase: true), options.Value.Limits.MaxTopK), cancellationToken);
                    modes[mode] = EvaluationScoring.Score(query, hits);
                }

                results.Add(new QueryResult(query.Id, query.Query, query.Judgments.Count(j => j.Relevance > 0), modes));
            }

            evaluation.QueryResults = results;
            evaluation.Metrics = evaluation.Modes.ToDictionary(mode => mode, mode => EvaluationScoring.Mean([.. results.Select(r => r.Modes[mode].Scores)]));
            evaluation.Status = EvaluationStatus.Done;
            evaluation.CompletedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
        catch (Exception exception) when (command.IsLastAttempt && exception is not OperationCanceledException && !DatabaseOutage.IsCause(exception))
        {
            logger.LogWarning(exception, "Evaluation {EvaluationId} failed for the last time", evaluation.Id);
            db.ChangeTracker.Clear();
            var reason = $"The evaluation failed after {RunEvaluationConsumer.Attempts} attempts: {exception.Message}";
            await db.Evaluations.Where(e => e.Id == evaluation.Id && e.Status != EvaluationStatus.Done)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, EvaluationStatus.Failed).SetProperty(e => e.Error, reason[..Math.Min(reason.Length, 2000)]), cancellationToken);
            throw; // to Wolverine's dead letters, with the message
        }
    }
}
