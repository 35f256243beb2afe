using MediatR;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Chat.Answering;
using Monolith.Modules.Chat.Models;
using Monolith.Modules.Search.Contracts;
using Wolverine;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatOptions = Microsoft.Extensions.AI.ChatOptions;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;

namespace Monolith.Modules.Chat.Features.ChatCompletions;

/// <summary>Stateless: nothing is stored; system messages become the system prompt, the rest the history.</summary>
internal sealed class CreateChatCompletionHandler(ChatModels models, Answerer answerer, IMessageBus bus)
    : IRequestHandler<CreateChatCompletion, CompletionRun>
{
    public async Task<CompletionRun> Handle(CreateChatCompletion command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        var model = models.Find(request.Model) ?? throw ProblemException.ModelNotFound(request.Model);

        var collectionIds = (request.CollectionIds ?? []).Distinct().ToList();
        if (collectionIds.Count > 0)
        {
            var check = await bus.InvokeAsync<CheckedCollections>(new CheckCollections(command.UserId, collectionIds), cancellationToken);
            if (check.MissingCollectionIds.Count > 0)
            {
                throw ProblemException.NotFound($"Collection {check.MissingCollectionIds[0]}");
            }
        }

        var messages = request.Messages!;
        var system = string.Join("\n\n", messages.Where(m => m.Role is "system" or "developer").Select(m => m.Text));
        var history = messages.Take(messages.Count - 1)
            .Where(m => m.Role is "user" or "assistant")
            .Select(m => new AiChatMessage(m.Role == "assistant" ? AiChatRole.Assistant : AiChatRole.User, m.Text))
            .ToList();
        var options = new AiChatOptions
        {
            Temperature = request.Temperature,
            MaxOutputTokens = request.MaxCompletionTokens ?? request.MaxTokens,
            StopSequences = request.StopSequences.Count > 0 ? request.StopSequences.ToList() : null,
        };

        var prepared = await answerer.PrepareAsync(
            command.UserId, model, collectionIds, system.Length > 0 ? system : null, history, messages[^1].Text!, options, cancellationToken);
        return new CompletionRun(model, AnswerRun.RunAsync(model, prepared, (_, _) => Task.CompletedTask, cancellationToken));
    }
}
