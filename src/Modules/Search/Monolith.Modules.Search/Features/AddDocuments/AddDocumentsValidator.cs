using FluentValidation;
using Microsoft.Extensions.Options;

namespace Monolith.Modules.Search.Features.AddDocuments;

internal sealed class AddDocumentsValidator : AbstractValidator<AddDocuments>
{
    public AddDocumentsValidator(IOptions<SearchOptions> options)
    {
        var limits = options.Value.Limits;
        RuleFor(r => r.Documents).NotEmpty().WithName("documents")
            .Must(documents => documents.Count <= limits.MaxBatchDocuments)
            .WithMessage($"A batch holds at most {limits.MaxBatchDocuments} documents.");
        RuleForEach(r => r.Documents).NotNull().WithMessage("a document must be an object.").OverridePropertyName("documents");
        RuleForEach(r => r.Documents).ChildRules(document =>
        {
            // Property names as in the JSON body; Stop: a missing text must not reach the whitespace check.
            document.RuleFor(d => d.Text).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("text must not be empty.")
                .Must(text => text.Trim().Length > 0).WithMessage("text must contain more than whitespace.").OverridePropertyName("text");
            document.RuleFor(d => d.Title).MaximumLength(500).OverridePropertyName("title");
            document.RuleFor(d => d.ExternalId).MaximumLength(200).OverridePropertyName("externalId");
            document.RuleFor(d => d.Metadata).WithinLimits(limits).OverridePropertyName("metadata");
        }).OverridePropertyName("documents");
    }
}
