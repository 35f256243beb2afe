using FluentValidation;

namespace Monolith.Modules.Chat.Features.RenameConversation;

internal sealed class RenameConversationValidator : AbstractValidator<RenameConversation>
{
    public RenameConversationValidator() => RuleFor(r => r.Title).NotEmpty().MaximumLength(200);
}
