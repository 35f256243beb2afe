using FluentValidation;

namespace Monolith.Modules.Search.Features.ListCollections;

internal sealed class ListCollectionsValidator : AbstractValidator<ListCollections>
{
    public ListCollectionsValidator()
    {
        RuleFor(r => r.Page).InclusiveBetween(1, int.MaxValue / 200); // (page - 1) * pageSize must fit the int offset
        RuleFor(r => r.PageSize).InclusiveBetween(1, 200);
    }
}
