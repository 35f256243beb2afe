using MediatR;
using Monolith.BuildingBlocks.Application;

namespace Monolith.Modules.Search.Features.ListEvaluations;

internal sealed record ListEvaluations(Guid UserId, Guid CollectionId, int Page, int PageSize) : IRequest<EvaluationPage>, IPagedRequest;

internal sealed record EvaluationPage(IReadOnlyList<EvaluationResponse> Items, int Page, int PageSize, int Total);
