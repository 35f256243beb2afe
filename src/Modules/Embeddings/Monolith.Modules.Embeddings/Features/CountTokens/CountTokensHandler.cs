using MediatR;
using Monolith.Modules.Embeddings.Contracts;
using Monolith.Modules.Embeddings.Models;

namespace Monolith.Modules.Embeddings.Features.CountTokens;

internal sealed class CountTokensHandler(EmbeddingModels models) : IRequestHandler<CountTokensQuery, TokenCounts>
{
    private const int CharactersPerEstimatedToken = 4;

    public Task<TokenCounts> Handle(CountTokensQuery query, CancellationToken cancellationToken)
    {
        var request = query.Request;
        if (models.Find(request.Model) is not { } model)
        {
            return Task.FromResult(new TokenCounts(request.Model ?? "", [], 0, false, $"Unknown embedding model '{request.Model}'."));
        }

        var counts = model.CountPieces is { } countPieces
            ? request.Texts.Select(countPieces).ToArray()
            : request.Texts.Select(text => (text.Length + CharactersPerEstimatedToken - 1) / CharactersPerEstimatedToken).ToArray();
        return Task.FromResult(new TokenCounts(model.Name, counts, model.MaxTokensPerText, model.CountPieces is not null));
    }
}
