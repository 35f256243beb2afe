using FluentValidation;

namespace Monolith.Modules.Search.Features.CreateCollection;

internal sealed class CreateCollectionValidator : AbstractValidator<CreateCollection>
{
    public CreateCollectionValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Description).MaximumLength(2000);
        RuleFor(c => c.EmbeddingModel).MaximumLength(200);
        RuleFor(c => c.TextSearchConfig).MaximumLength(63);
    }
}
