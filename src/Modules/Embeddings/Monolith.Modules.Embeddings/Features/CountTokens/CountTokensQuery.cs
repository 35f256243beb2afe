using MediatR;
using Monolith.Modules.Embeddings.Contracts;

namespace Monolith.Modules.Embeddings.Features.CountTokens;

internal sealed record CountTokensQuery(Contracts.CountTokens Request) : IRequest<TokenCounts>;
