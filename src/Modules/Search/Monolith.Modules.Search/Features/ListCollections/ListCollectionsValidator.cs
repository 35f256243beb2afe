using FluentValidation;

namespace Monolith.Modules.Search.Features.ListCollections;

internal sealed class ListCollectionsValidator : AbstractValidator<ListCollections>
{
    public ListCollectionsValidator()
    {
        RuleFor(r => r.Page).GreaterThanOrEqualTo(1);
        RuleFor(r => r.PageSize).InclusiveBetween(1, 200);
    }
}
