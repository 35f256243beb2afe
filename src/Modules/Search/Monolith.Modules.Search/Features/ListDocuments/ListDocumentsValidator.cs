using FluentValidation;

namespace Monolith.Modules.Search.Features.ListDocuments;

internal sealed class ListDocumentsValidator : AbstractValidator<ListDocuments>
{
    public ListDocumentsValidator()
    {
        RuleFor(r => r.Page).InclusiveBetween(1, int.MaxValue / 200); // (page - 1) * pageSize must fit the int offset
        RuleFor(r => r.PageSize).InclusiveBetween(1, 200);
        RuleFor(r => r.Status).Must(status => status is null or "pending" or "extracting" or "indexing" or "indexed" or "failed")
            .WithMessage("status must be pending, extracting, indexing, indexed or failed.");
    }
}
