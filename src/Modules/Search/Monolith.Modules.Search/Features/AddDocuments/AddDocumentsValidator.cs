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
            document.RuleFor(d => d.Metadata)
                .Must(m => m!.Count <= limits.MaxMetadataKeys).WithMessage($"metadata holds at most {limits.MaxMetadataKeys} keys.")
                .Must(m => m!.Keys.All(key => key.Length is > 0 && key.Length <= limits.MaxMetadataKeyLength))
                .WithMessage($"metadata keys must be 1 to {limits.MaxMetadataKeyLength} characters.")
                .Must(m => m!.Values.All(value => value is not null && value.Length <= limits.MaxMetadataValueLength))
                .WithMessage($"metadata values must be strings of at most {limits.MaxMetadataValueLength} characters.")
                .When(d => d.Metadata is not null).OverridePropertyName("metadata");
        }).OverridePropertyName("documents");
    }
}
