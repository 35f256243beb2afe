using FluentValidation;
using MediatR;

namespace Monolith.BuildingBlocks.Application;

/// <summary>Runs every validator of a request, and the paging rule of a list request, before its handler; failures become a 400 problem.</summary>
internal sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = request is IPagedRequest paged ? Paging.Problems(paged).ToList() : [];
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(request, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        return await next();
    }
}
