using System.Runtime.CompilerServices;
using System.Text;
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
/// answer with its citations; an answer cut short (client gone, upstream failure, the process
/// killed) is kept as far as it got, marked incomplete.
/// </summary>
internal sealed class PostMessageHandler(ChatDbContext db, ChatModels models, Answerer answerer, ChatUsage usage, TimeProvider clock)
    : IRequestHandler<PostMessage, IAsyncEnumerable<AnswerEvent>>
{
    // One UPDATE a second per streaming answer at most; a crash loses at most the last second of text.
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(1);

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
        var allowance = usage.OutputAllowance(prepared.Messages.Sum(m => Answerer.Tokens(m.Text)));
        prepared.Options.MaxOutputTokens = ChatUsage.Tightest(prepared.Options.MaxOutputTokens, allowance);
        return AnswerAsync(request.UserId, conversation.Id, model, prepared, allowance, cancellationToken);
    }

    /// <summary>
    /// The answer is written ahead of the stream: stored incomplete with its first text, brought up to date
    /// at most every <see cref="CheckpointInterval"/> while it streams, and completed at the end, so if the
    /// process dies mid-answer (SIGKILL, power loss) the conversation keeps what was streamed up to then.
    /// </summary>
    private async IAsyncEnumerable<AnswerEvent> AnswerAsync(
        Guid userId, Guid conversationId, ChatModel model, PreparedAnswer prepared, int? allowance, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        StoredMessage? answer = null;
        var streamed = new StringBuilder();
        var checkpointed = clock.GetTimestamp();
        await foreach (var answerEvent in AnswerRun.RunAsync(
            model, prepared, (partial, citations) => StoreAsync(partial, citations, null, incomplete: true),
            spent => usage.RecordAsync(userId, model.Name, spent.InputTokenCount ?? 0, spent.OutputTokenCount ?? 0), allowance, cancellationToken))
        {
            switch (answerEvent)
            {
                case AnswerDelta delta:
                    streamed.Append(delta.Text);
                    if (answer is null || clock.GetElapsedTime(checkpointed) >= CheckpointInterval)
                    {
                        var text = streamed.ToString();
                        await StoreAsync(text, Answerer.CitationsIn(text, prepared.Sources), null, incomplete: true);
                        checkpointed = clock.GetTimestamp();
                    }

                    yield return delta;
                    break;
                case AnswerCompleted completed:
                    yield return new MessageSaved(MessageResponse.From(await StoreAsync(completed.Text, completed.Citations, completed.Usage, incomplete: false)));
                    break;
                default:
                    yield return answerEvent;
                    break;
            }
        }

        // CancellationToken.None: an interrupted answer must still be written after the client has gone.
        async Task<StoredMessage> StoreAsync(string content, IReadOnlyList<Citation> citations, Microsoft.Extensions.AI.UsageDetails? usage, bool incomplete)
        {
            if (answer is null)
            {
                answer = new StoredMessage
                {
                    Id = Guid.CreateVersion7(),
                    ConversationId = conversationId,
                    Role = "assistant",
                    Content = content,
                    Model = model.Name,
                    CreatedAt = clock.GetUtcNow(),
                };
                db.Messages.Add(answer);
            }

            answer.Content = content;
            answer.Citations = citations.ToList();
            answer.PromptTokens = (int)(usage?.InputTokenCount ?? 0);
            answer.CompletionTokens = (int)(usage?.OutputTokenCount ?? Answerer.Tokens(content));
            answer.Incomplete = incomplete;
            await db.SaveChangesAsync(CancellationToken.None);
            return answer;
        }
    }
}
