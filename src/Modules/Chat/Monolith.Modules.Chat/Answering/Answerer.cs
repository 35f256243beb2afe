using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Monolith.Modules.Chat.Data;
using Monolith.Modules.Chat.Models;
using Monolith.Modules.Search.Contracts;
using Wolverine;

namespace Monolith.Modules.Chat.Answering;

/// <summary>
/// Retrieval-augmented prompting: searches the conversation's collections (hybrid, through the
/// Search contract), numbers the best chunks as sources within a token budget, trims the history
/// oldest-first to fit the model's context, and afterwards tells which sources an answer cited.
/// Tokens are estimated at four characters each: we hold no tokenizer for upstream models.
/// </summary>
internal sealed partial class Answerer(IMessageBus bus, IOptions<ChatSettings> options)
{
    public const string DefaultSystemPrompt =
        "You are a helpful assistant. Answer from the numbered sources below when they are relevant and cite them as [1], [2]. " +
        "If the sources do not contain the answer, say so plainly instead of guessing.";

    public async Task<PreparedAnswer> PrepareAsync(
        Guid userId, ChatModel model, IReadOnlyList<Guid> collectionIds, string? systemPrompt,
        IReadOnlyList<ChatMessage> history, string question, ChatOptions requestOptions, CancellationToken cancellationToken)
    {
        var retrieval = options.Value.Retrieval;
        var sources = collectionIds.Count == 0 ? [] : await RetrieveAsync(userId, collectionIds, question, retrieval.TopK, cancellationToken);

        var budget = model.ContextTokens - model.MaxAnswerTokens - Tokens(question);
        var system = new StringBuilder(systemPrompt ?? DefaultSystemPrompt);
        var used = new List<Source>();
        if (collectionIds.Count > 0)
        {
            var sourceBudget = Math.Min(retrieval.SourceTokens, budget / 2);
            system.Append(sources.Count == 0 ? "\n\nNo sources matched this question." : "\n\nSources:");
            foreach (var source in sources)
            {
                var block = $"\n\n[{source.Number}] {source.Reference}\n{source.Text}";
                if (Tokens(block) > sourceBudget)
                {
                    break;
                }

                sourceBudget -= Tokens(block);
                system.Append(block);
                used.Add(source);
            }
        }

        budget -= Tokens(system.ToString());
        var kept = new List<ChatMessage>();
        for (var i = history.Count - 1; i >= 0 && budget - Tokens(history[i].Text) >= 0; i--)
        {
            budget -= Tokens(history[i].Text);
            kept.Insert(0, history[i]);
        }

        var messages = new List<ChatMessage> { new(ChatRole.System, system.ToString()) };
        messages.AddRange(kept);
        messages.Add(new ChatMessage(ChatRole.User, question));

        var chatOptions = requestOptions.Clone();
        chatOptions.AdditionalProperties ??= [];
        chatOptions.AdditionalProperties[ExtractiveChatClient.SourcesKey] = used;
        chatOptions.AdditionalProperties[ExtractiveChatClient.HasCollectionsKey] = collectionIds.Count > 0;
        if (collectionIds.Count == 0 && model.Upstream is null && SuppliedContext.Read(systemPrompt, question) is { Sources.Count: > 0 } supplied)
        {
            // An LLM reads passages in its prompt by itself; the extractive model quotes them as it quotes retrieved ones.
            used = [.. supplied.Sources];
            chatOptions.AdditionalProperties[ExtractiveChatClient.SourcesKey] = used;
            chatOptions.AdditionalProperties[ExtractiveChatClient.HasCollectionsKey] = true;
            chatOptions.AdditionalProperties[ExtractiveChatClient.QuestionKey] = supplied.Question;
        }

        return new PreparedAnswer(messages, chatOptions, used);
    }

    /// <summary>The sources an answer cites with [n] markers, in the order first cited.</summary>
    public static List<Citation> CitationsIn(string answer, IReadOnlyList<Source> sources) =>
        CitationMarker().Matches(answer)
            .Select(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Distinct()
            .Select(number => sources.FirstOrDefault(source => source.Number == number))
            .OfType<Source>()
            .Select(source => new Citation(source.Number, source.DocumentId, source.ChunkId, source.Title, source.Text, source.Score, source.Location, source.Section))
            .ToList();

    public static int Tokens(string? text) => Tokens(text?.Length ?? 0);

    public static int Tokens(int characters) => (characters + 3) / 4;

    private async Task<List<Source>> RetrieveAsync(Guid userId, IReadOnlyList<Guid> collectionIds, string question, int topK, CancellationToken cancellationToken)
    {
        var query = question.Length > 4000 ? question[..4000] : question;
        var results = await bus.InvokeAsync<SearchResults>(new SearchCollections(userId, collectionIds, query, "hybrid", topK), cancellationToken);
        return results.Items
            .Select((hit, index) =>
            {
                var (location, section) = Source.LocationOf(hit.Metadata);
                return new Source(index + 1, hit.DocumentId, hit.ChunkId, hit.Title, hit.Text, hit.Score, location, section);
            })
            .ToList();
    }

    [GeneratedRegex(@"\[(\d{1,3})\]")]
    private static partial Regex CitationMarker();
}
