using FluentValidation.Results;

namespace Monolith.BuildingBlocks.Application;

/// <summary>A request for one page of a list (<c>?page=&amp;pageSize=</c>): every such request obeys <see cref="Paging"/>.</summary>
public interface IPagedRequest
{
    int Page { get; }

    int PageSize { get; }
}

/// <summary>
/// The one paging rule of every list route, checked by <see cref="ValidationBehavior{TRequest,TResponse}"/> for every
/// <see cref="IPagedRequest"/> (a new list cannot miss it): page ≥ 1, 1 ≤ pageSize ≤ 200, and the rows skipped,
/// (page − 1) × pageSize, must fit the int offset EF Core sends: past it the product overflows to a negative OFFSET,
/// which PostgreSQL rejects (a 500).
/// </summary>
public static class Paging
{
    public const int MaxPageSize = 200;

    public static IQueryable<T> PageOf<T>(this IQueryable<T> query, IPagedRequest request) =>
        query.Skip((request.Page - 1) * request.PageSize).Take(request.PageSize);

    internal static IEnumerable<ValidationFailure> Problems(IPagedRequest request)
    {
        if (request.Page < 1)
        {
            yield return new ValidationFailure("page", "page must be at least 1.");
        }
        else if ((long)(request.Page - 1) * Math.Max(request.PageSize, 1) > int.MaxValue)
        {
            yield return new ValidationFailure("page", $"page {request.Page} is beyond the last possible page for pageSize {request.PageSize}.");
        }

        if (request.PageSize is < 1 or > MaxPageSize)
        {
            yield return new ValidationFailure("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        }
    }
}
