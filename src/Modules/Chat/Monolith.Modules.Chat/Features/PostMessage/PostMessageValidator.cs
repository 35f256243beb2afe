using FluentValidation;
using Microsoft.Extensions.Options;

namespace Monolith.Modules.Chat.Features.PostMessage;

internal sealed class PostMessageValidator : AbstractValidator<PostMessage>
{
    public PostMessageValidator(IOptions<ChatSettings> options) =>
        // Stop: a missing content must not reach the whitespace check (a NullReferenceException, so a 500).
        RuleFor(m => m.Content).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(options.Value.Limits.MaxMessageCharacters)
            .Must(content => content.Trim().Length > 0).WithMessage("content must contain more than whitespace.");
}
