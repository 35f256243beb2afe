using FluentValidation;

namespace Monolith.Modules.Search.Features.ListDocuments;

internal sealed class ListDocumentsValidator : AbstractValidator<ListDocuments>
{
    public ListDocumentsValidator()
    {
        RuleFor(r => r.Status).Must(status => status is null or "pending" or "extracting" or "indexing" or "indexed" or "failed")
            .WithMessage("status must be pending, extracting, indexing, indexed or failed.");
    }
}
