using System.Runtime.InteropServices;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Application;
using Monolith.BuildingBlocks.Quotas;
using Monolith.BuildingBlocks.Usage;
using Monolith.Modules.Embeddings.Contracts;
using Monolith.Modules.Embeddings.Data;
using Monolith.Modules.Embeddings.Models;

namespace Monolith.Modules.Embeddings.Features.CreateEmbeddings;

internal sealed class CreateEmbeddingsHandler(IOptions<EmbeddingsOptions> limits, EmbeddingModels models, EmbeddingService embeddings, EmbeddingsDbContext db, ITokenBudget budget, TimeProvider clock)
    : IRequestHandler<CreateEmbeddings, EmbeddingsResponse>
{
    public async Task<EmbeddingsResponse> Handle(CreateEmbeddings command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        var model = models.Find(request.Model) ?? throw ProblemException.ModelNotFound(request.Model);
        if (request.Dimensions is { } dimensions && !model.CanProduce(dimensions))
        {
            throw new ValidationException([new ValidationFailure("dimensions",
                $"Model '{model.Name}' produces {model.Dimensions} dimensions and cannot return {dimensions}.")]);
        }

        var texts = EmbeddingInputs.Read(request.Input, limits.Value.Limits).Texts.ToArray();
        if (model.CountTokens is { } count && budget.Remaining is not null)
        {
            // Our own tokenizer knows the cost before the call; an upstream's is known after it (then spent as reported).
            budget.EnsureAvailable(texts.Sum(text => (long)count(model.Prepare(text, EmbeddingPurpose.Document))));
        }

        var batch = await embeddings.EmbedAsync(model, texts, EmbeddingPurpose.Document, request.Dimensions, cancellationToken);

        // Two round trips on two connections (the quota counters may live in another database than this module's):
        // concurrent, so the request waits for one. Both are done before the answer, as before.
        var spent = budget.SpendAsync(batch.TokenCount, cancellationToken);
        var recorded = db.AppendAsync(new UsageRecord
        {
            UserId = command.UserId,
            ApiKeyId = command.ApiKeyId,
            Model = model.Name,
            Source = UsageSources.Api,
            InputTokens = batch.TokenCount,
            CreatedAt = clock.GetUtcNow(),
        }, cancellationToken);
        await Task.WhenAll(spent, recorded);
        if (!await recorded)
        {
            throw ProblemException.Unauthorized("The account was deleted.");
        }

        var base64 = request.EncodingFormat == "base64";
        var data = batch.Vectors
            .Select((vector, index) => new EmbeddingItem("embedding", index, base64 ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())) : vector))
            .ToList();
        return new EmbeddingsResponse("list", data, model.Name, new EmbeddingsUsage(batch.TokenCount, batch.TokenCount));
    }
}
