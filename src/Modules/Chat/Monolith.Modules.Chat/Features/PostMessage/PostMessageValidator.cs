using FluentValidation;
using Microsoft.Extensions.Options;

namespace Monolith.Modules.Chat.Features.PostMessage;

internal sealed class PostMessageValidator : AbstractValidator<PostMessage>
{
    public PostMessageValidator(IOptions<ChatSettings> options) =>
        RuleFor(m => m.Content).NotEmpty().MaximumLength(options.Value.Limits.MaxMessageCharacters)
            .Must(content => content.Trim().Length > 0).WithMessage("content must contain more than whitespace.");
}
