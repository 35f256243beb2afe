using FluentValidation;
using Microsoft.Extensions.Options;

namespace Monolith.Modules.Embeddings.Features.CreateEmbeddings;

internal sealed class CreateEmbeddingsValidator : AbstractValidator<CreateEmbeddings>
{
    public CreateEmbeddingsValidator(IOptions<EmbeddingsOptions> options)
    {
        var limits = options.Value.Limits;
        RuleFor(c => c.Request.Input).Custom((input, context) =>
        {
            if (EmbeddingInputs.Read(input, limits).Problem is { } problem)
            {
                context.AddFailure("input", problem);
            }
        });
        RuleFor(c => c.Request.EncodingFormat)
            .Must(format => format is null or "float" or "base64")
            .OverridePropertyName("encoding_format")
            .WithMessage("encoding_format must be \"float\" or \"base64\".");
        RuleFor(c => c.Request.Dimensions)
            .GreaterThan(0).When(c => c.Request.Dimensions is not null)
            .OverridePropertyName("dimensions");
        RuleFor(c => c.Request.Model).MaximumLength(200).OverridePropertyName("model");
    }
}
