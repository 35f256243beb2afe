using FluentValidation;

namespace Monolith.Modules.Search.Features.ListDocuments;

internal sealed class ListDocumentsValidator : AbstractValidator<ListDocuments>
{
    public ListDocumentsValidator()
    {
        RuleFor(r => r.Page).GreaterThanOrEqualTo(1);
        RuleFor(r => r.PageSize).InclusiveBetween(1, 200);
        RuleFor(r => r.Status).Must(status => status is null or "pending" or "indexed" or "failed")
            .WithMessage("status must be pending, indexed or failed.");
    }
}
