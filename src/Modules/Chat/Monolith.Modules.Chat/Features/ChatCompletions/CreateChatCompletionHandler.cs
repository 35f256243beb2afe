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

/// <summary>
/// Stateless: nothing is stored. Plain text chat goes through Microsoft.Extensions.AI (system messages become the
/// system prompt, the rest the history, trimmed to fit); whatever that mapping would lose is relayed to an upstream
/// as sent (<see cref="RelayedRequest"/>), and refused by a model that cannot honour it (<see cref="ParameterSupport"/>).
/// </summary>
internal sealed class CreateChatCompletionHandler(ChatModels models, Answerer answerer, ChatUsage usage, IMessageBus bus)
    : IRequestHandler<CreateChatCompletion, CompletionRun>
{
    public async Task<CompletionRun> Handle(CreateChatCompletion command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        var model = models.Find(request.Model) ?? throw ProblemException.ModelNotFound(request.Model);
        ParameterSupport.Check(model, request);

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
        var systemPrompt = system.Length > 0 ? system : null;
        if (model.Upstream is { } upstream && RelayedRequest.IsNeeded(request))
        {
            return await RelayAsync(command.UserId, model, upstream, collectionIds, systemPrompt, request, cancellationToken);
        }

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

        var prepared = await answerer.PrepareAsync(command.UserId, model, collectionIds, systemPrompt, history, messages[^1].Text!, options, cancellationToken);
        var allowance = usage.OutputAllowance(prepared.Messages.Sum(m => Answerer.Tokens(m.Text)));
        prepared.Options.MaxOutputTokens = ChatUsage.Tightest(prepared.Options.MaxOutputTokens, allowance);
        return new AnsweredRun(model, AnswerRun.RunAsync(
            model, prepared, (_, _) => Task.CompletedTask,
            spent => usage.RecordAsync(command.UserId, model.Name, spent.InputTokenCount ?? 0, spent.OutputTokenCount ?? 0), allowance, cancellationToken));
    }

    /// <summary>With collections, the sources for the last user message go into one system prompt, as on the mapped path.</summary>
    private async Task<CompletionRun> RelayAsync(
        Guid userId, ChatModel model, UpstreamChat upstream, List<Guid> collectionIds, string? systemPrompt, ChatCompletionRequest request,
        CancellationToken cancellationToken)
    {
        var question = request.Messages!.LastOrDefault(m => m.Role == "user")?.Text ?? "";
        string? grounded = null;
        IReadOnlyList<Source> sources = [];
        if (collectionIds.Count > 0 && question.Length > 0)
        {
            var prepared = await answerer.PrepareAsync(userId, model, collectionIds, systemPrompt, [], question, new AiChatOptions(), cancellationToken);
            grounded = prepared.Messages[0].Text;
            sources = prepared.Sources;
        }

        var body = RelayedRequest.Build(request, upstream.Model, grounded);
        if (usage.OutputAllowance(Answerer.Tokens(body.ToJsonString())) is { } allowance)
        {
            // The upstream stops at the budget itself ("length"); the field the client used, else the one every server knows.
            var field = body.ContainsKey("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
            body[field] = ChatUsage.Tightest((int?)body[field], allowance);
        }

        var response = await CompletionRelay.SendAsync(model, upstream, body, request.Stream == true, cancellationToken);
        var estimatedInput = Answerer.Tokens(body.ToJsonString());
        return new RelayedRun(model, response, sources, (input, output) => usage.RecordAsync(userId, model.Name, input ?? estimatedInput, output));
    }
}
