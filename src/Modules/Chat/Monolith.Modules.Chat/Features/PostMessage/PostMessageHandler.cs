using System.Runtime.CompilerServices;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Chat.Answering;
using Monolith.Modules.Chat.Data;
using Monolith.Modules.Chat.Models;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatOptions = Microsoft.Extensions.AI.ChatOptions;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;

namespace Monolith.Modules.Chat.Features.PostMessage;

/// <summary>
/// Stores the user's message, answers it from the conversation's collections, and stores the
/// answer with its citations; an answer cut short (client gone, upstream failure) is kept as
/// far as it got, marked incomplete.
/// </summary>
internal sealed class PostMessageHandler(ChatDbContext db, ChatModels models, Answerer answerer, TimeProvider clock)
    : IRequestHandler<PostMessage, IAsyncEnumerable<AnswerEvent>>
{
    public async Task<IAsyncEnumerable<AnswerEvent>> Handle(PostMessage request, CancellationToken cancellationToken)
    {
        var conversation = await db.OwnedConversationAsync(request.ConversationId, request.UserId, cancellationToken);
        var model = models.Find(conversation.Model)
            ?? throw ProblemException.Conflict($"The conversation's model '{conversation.Model}' is no longer configured.");

        var history = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversation.Id)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new { m.Role, m.Content })
            .ToListAsync(cancellationToken);

        db.Messages.Add(new StoredMessage
        {
            Id = Guid.CreateVersion7(),
            ConversationId = conversation.Id,
            Role = "user",
            Content = request.Content,
            CreatedAt = clock.GetUtcNow(),
        });
        conversation.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);

        var prepared = await answerer.PrepareAsync(
            request.UserId, model, conversation.CollectionIds, conversation.SystemPrompt,
            history.Select(m => new AiChatMessage(m.Role == "assistant" ? AiChatRole.Assistant : AiChatRole.User, m.Content)).ToList(),
            request.Content, new AiChatOptions(), cancellationToken);
        return AnswerAsync(conversation.Id, model, prepared, cancellationToken);
    }

    private async IAsyncEnumerable<AnswerEvent> AnswerAsync(
        Guid conversationId, ChatModel model, PreparedAnswer prepared, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var answerEvent in AnswerRun.RunAsync(model, prepared, (partial, citations) => SaveAsync(conversationId, model, partial, citations, null, incomplete: true), cancellationToken))
        {
            if (answerEvent is AnswerCompleted completed)
            {
                var saved = await SaveAsync(conversationId, model, completed.Text, completed.Citations, completed.Usage, incomplete: false);
                yield return new MessageSaved(MessageResponse.From(saved));
            }
            else
            {
                yield return answerEvent;
            }
        }
    }

    // CancellationToken.None: an interrupted answer must still be written after the client has gone.
    private async Task<StoredMessage> SaveAsync(
        Guid conversationId, ChatModel model, string content, IReadOnlyList<Citation> citations, Microsoft.Extensions.AI.UsageDetails? usage, bool incomplete)
    {
        var message = new StoredMessage
        {
            Id = Guid.CreateVersion7(),
            ConversationId = conversationId,
            Role = "assistant",
            Content = content,
            Citations = citations.ToList(),
            Model = model.Name,
            PromptTokens = (int)(usage?.InputTokenCount ?? 0),
            CompletionTokens = (int)(usage?.OutputTokenCount ?? Answerer.Tokens(content)),
            Incomplete = incomplete,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync(CancellationToken.None);
        return message;
    }
}
