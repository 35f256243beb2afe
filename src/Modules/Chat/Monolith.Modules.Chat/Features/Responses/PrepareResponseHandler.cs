using System.Text.Json;
using MediatR;
using Microsoft.Extensions.Options;
using Monolith.Modules.Chat.Data;
using Monolith.Modules.Chat.Features.ChatCompletions;
using Monolith.Modules.Chat.Models;

namespace Monolith.Modules.Chat.Features.Responses;

/// <summary>
/// Refuses what cannot be honoured, then continues <c>previous_response_id</c>'s conversation (the caller's own; its
/// instructions are not carried over, as at OpenAI) with the new input. The oldest turns are dropped to stay within the
/// completion limits (messages, characters); the answering path then trims further to the model's context window.
/// </summary>
internal sealed class PrepareResponseHandler(ChatDbContext db, ChatModels models, IOptions<ChatSettings> options, TimeProvider clock)
    : IRequestHandler<PrepareResponse, PreparedResponse>
{
    public async Task<PreparedResponse> Handle(PrepareResponse command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        ResponseParameters.CheckFields(request);
        var items = ResponseInput.Items(request);
        if (models.Find(request.Model) is { } model)
        {
            ResponseParameters.CheckModel(model, request, items); // an unknown model is the completion's 404
        }

        var limits = options.Value.Limits;
        var keptSince = clock.GetUtcNow().AddDays(-limits.StoredResponseDays);
        var input = ResponseInput.Messages(await ResolveReferencesAsync(items, command.UserId, keptSince, cancellationToken));
        var conversation = new List<CompletionMessage>();
        if (request.PreviousResponseId is { } previousId)
        {
            var previous = await db.OwnedResponseAsync(previousId, command.UserId, keptSince, cancellationToken, "previous_response_id");
            conversation = JsonSerializer.Deserialize<List<CompletionMessage>>(previous.Conversation, CompletionStream.Json)!;
            var room = (limits.MaxMessageCharacters * 4) - (request.Instructions?.Length ?? 0) - input.Sum(Characters);
            while (conversation.Count > 0 && (conversation.Count + input.Count + 1 > limits.MaxMessagesPerCompletion || conversation.Sum(Characters) > room))
            {
                conversation.RemoveAt(0);
            }

            // A tool result without the call before it is no valid history: start at a user turn.
            while (conversation.Count > 0 && conversation[0].Role != "user")
            {
                conversation.RemoveAt(0);
            }
        }

        conversation.AddRange(input);
        return new PreparedResponse(ResponseInput.ToChatCompletion(request, conversation), conversation);
    }

    /// <summary>An <c>item_reference</c> (the Vercel AI SDK sends them for stored output) becomes the caller's stored item it names.</summary>
    private async Task<IReadOnlyList<JsonElement>> ResolveReferencesAsync(IReadOnlyList<JsonElement> items, Guid userId, DateTimeOffset keptSince, CancellationToken cancellationToken)
    {
        var resolved = new List<JsonElement>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            resolved.Add(ResponseInput.TypeOf(items[i]) == "item_reference"
                && items[i].TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                    ? JsonSerializer.SerializeToElement(await db.OwnedItemAsync(id.GetString()!, userId, keptSince, $"input[{i}].id", cancellationToken))
                    : items[i]);
        }

        return resolved;
    }

    private static int Characters(CompletionMessage message) => message.Text?.Length ?? 0;
}
