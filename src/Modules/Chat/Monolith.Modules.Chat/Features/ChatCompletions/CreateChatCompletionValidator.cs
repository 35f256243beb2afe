using System.Text.Json;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace Monolith.Modules.Chat.Features.ChatCompletions;

internal sealed class CreateChatCompletionValidator : AbstractValidator<CreateChatCompletion>
{
    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool"];

    public CreateChatCompletionValidator(IOptions<ChatSettings> options)
    {
        var limits = options.Value.Limits;
        // Stop: missing or empty messages must not reach the rules that index them (a 500 otherwise).
        RuleFor(c => c.Request.Messages).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("messages must hold at least one message.")
            .Must(messages => messages!.Count <= limits.MaxMessagesPerCompletion)
            .WithMessage($"messages holds at most {limits.MaxMessagesPerCompletion} messages.")
            .Must(messages => messages!.All(m => m is not null && Roles.Contains(m.Role)))
            .WithMessage("Every message needs a role: system, developer, user, assistant or tool.")
            .Must(messages => messages!.All(m => m?.Text is not null || m?.HasNonTextParts == true || (m?.Role == "assistant" && m.HasToolCalls)))
            .WithMessage("Every message needs content: a string or an array of content parts (an assistant message may have tool_calls instead).")
            .Must(messages => messages!.Sum(m => m?.Text?.Length ?? 0) <= limits.MaxMessageCharacters * 4)
            .WithMessage("messages are too long in total.")
            .Must(messages => messages![^1]?.Role is "user" or "tool").WithMessage("The last message must come from the user (or be a tool result).")
            .OverridePropertyName("messages");
        // The question is what the collections are searched for; without text the search itself would refuse it, naming its own field.
        RuleFor(c => c.Request.Messages).Must(messages => !string.IsNullOrWhiteSpace(messages![^1]?.Text))
            .When(c => c.Request.CollectionIds is { Count: > 0 } && c.Request.Messages is { Count: > 0 })
            .WithMessage("With collection_ids the last message needs text to search the collections for.")
            .OverridePropertyName("messages");
        RuleFor(c => c.Request.Temperature).InclusiveBetween(0, 2).When(c => c.Request.Temperature is not null).OverridePropertyName("temperature");
        RuleFor(c => c.Request.MaxTokens).GreaterThan(0).When(c => c.Request.MaxTokens is not null).OverridePropertyName("max_tokens");
        RuleFor(c => c.Request.MaxCompletionTokens).GreaterThan(0).When(c => c.Request.MaxCompletionTokens is not null).OverridePropertyName("max_completion_tokens");
        RuleFor(c => c.Request.Stop)
            .Must(stop => stop.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.String
                || (stop.ValueKind == JsonValueKind.Array && stop.GetArrayLength() <= 4 && stop.EnumerateArray().All(s => s.ValueKind == JsonValueKind.String)))
            .WithMessage("stop must be a string or an array of at most 4 strings.")
            .OverridePropertyName("stop");
        RuleFor(c => c.Request.CollectionIds).Must(ids => ids!.Count <= limits.MaxCollectionsPerConversation)
            .When(c => c.Request.CollectionIds is not null).OverridePropertyName("collection_ids");
    }
}
