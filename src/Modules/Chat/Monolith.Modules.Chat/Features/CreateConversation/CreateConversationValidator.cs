using FluentValidation;
using Microsoft.Extensions.Options;

namespace Monolith.Modules.Chat.Features.CreateConversation;

internal sealed class CreateConversationValidator : AbstractValidator<CreateConversation>
{
    public CreateConversationValidator(IOptions<ChatSettings> options)
    {
        var limits = options.Value.Limits;
        RuleFor(c => c.Request.Title).MaximumLength(200).OverridePropertyName("title");
        RuleFor(c => c.Request.SystemPrompt).MaximumLength(limits.MaxSystemPromptCharacters).OverridePropertyName("systemPrompt");
        RuleFor(c => c.Request.Model).MaximumLength(200).OverridePropertyName("model");
        RuleFor(c => c.Request.CollectionIds).Must(ids => ids!.Count <= limits.MaxCollectionsPerConversation)
            .WithMessage($"A conversation uses at most {limits.MaxCollectionsPerConversation} collections.")
            .When(c => c.Request.CollectionIds is not null).OverridePropertyName("collectionIds");
    }
}
