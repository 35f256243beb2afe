using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Monolith.Modules.Chat.Answering;

namespace Monolith.Modules.Chat.Models;

/// <summary>
/// The offline default: not a language model. It answers by quoting the retrieved passages that
/// share the most words with the question, each with its citation marker, and says plainly when
/// nothing relevant was found. It reads the sources from <see cref="SourcesKey"/> in the options.
/// </summary>
internal sealed partial class ExtractiveChatClient : IChatClient
{
    public const string ModelId = "extractive";
    public const string SourcesKey = "monolith.sources";
    public const string HasCollectionsKey = "monolith.has_collections";

    /// <summary>The question, when the last user message holds more (passages supplied around a "Question:" line).</summary>
    public const string QuestionKey = "monolith.question";

    private const int MaxQuotedSentences = 3;

    // Headings and list stubs ("# 1.", "- Status:") say nothing on their own.
    private const int MinimumQuotedWords = 4;

    public const string NoCollectionsAnswer =
        "I answer only from your documents, and this conversation has no collections. Add collections (collectionIds, or collection_ids on /v1/chat/completions) and ask again.";

    public const string NothingFoundAnswer = "I found nothing relevant to your question in the selected collections.";

    public const string NothingSuppliedFoundAnswer = "I found nothing relevant to your question in the passages you supplied, and no collections were given.";

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "are", "but", "not", "you", "your", "with", "this", "that", "what", "which", "who", "whom", "how",
        "why", "when", "where", "does", "did", "was", "were", "has", "have", "had", "can", "could", "would", "should", "will",
        "from", "into", "about", "there", "their", "them", "they", "its", "it's", "than", "then", "also", "any", "all", "our",
        "please", "tell", "explain", "describe", "give",
    };

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var (answer, finishReason) = Answer(list, options);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))
        {
            ModelId = ModelId,
            FinishReason = finishReason,
            Usage = Usage(list, answer),
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var (answer, finishReason) = Answer(list, options);
        foreach (Match word in WordWithSpace().Matches(answer))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, word.Value) { ModelId = ModelId };
            await Task.Yield();
        }

        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ModelId = ModelId,
            FinishReason = finishReason,
            Contents = [new UsageContent(Usage(list, answer))],
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static (string Answer, ChatFinishReason FinishReason) Answer(List<ChatMessage> messages, ChatOptions? options)
    {
        var properties = options?.AdditionalProperties;
        var sources = properties?.TryGetValue(SourcesKey, out var value) == true && value is IReadOnlyList<Source> given ? given : [];
        var hasCollections = properties?.TryGetValue(HasCollectionsKey, out var flag) == true && flag is true;
        var question = properties?.TryGetValue(QuestionKey, out var asked) == true && asked is string text
            ? text
            : messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";

        var supplied = properties?.ContainsKey(QuestionKey) == true;
        var answer = !hasCollections ? NoCollectionsAnswer
            : Quote(question, sources) ?? (supplied ? NothingSuppliedFoundAnswer : NothingFoundAnswer);
        return Limit(answer, options);
    }

    /// <summary>The quoted sentences, or null when no source shares a word with the question.</summary>
    private static string? Quote(string question, IReadOnlyList<Source> sources)
    {
        var terms = Words(question).Where(word => word.Length >= 3 && !StopWords.Contains(word)).Select(Stem).ToHashSet(StringComparer.Ordinal);
        var candidates = sources
            .SelectMany(source => Sentence().Matches(source.Text).Select((sentence, position) => (Source: source, Position: position, Text: MarkupPrefix().Replace(sentence.Value.Trim(), ""))))
            .Where(candidate => Word().Count(candidate.Text) >= MinimumQuotedWords)
            .Select(candidate => (candidate.Source, candidate.Position, candidate.Text,
                Matches: Words(candidate.Text).Select(Stem).Where(terms.Contains).Distinct(StringComparer.Ordinal).Count()))
            .ToList();

        var chosen = candidates
            .Where(candidate => candidate.Matches > 0)
            .OrderByDescending(candidate => candidate.Matches)
            .ThenBy(candidate => candidate.Source.Number)
            .ThenBy(candidate => candidate.Position)
            .Take(MaxQuotedSentences)
            .OrderBy(candidate => candidate.Source.Number).ThenBy(candidate => candidate.Position)
            .ToList();

        // Vector retrieval always returns the nearest chunks, however unrelated: a passage that shares no word with
        // the question is no answer, and citing it would ground the answer in a source that does not support it.
        if (chosen.Count == 0)
        {
            return null;
        }

        var answer = new StringBuilder("From your documents:\n\n");
        foreach (var candidate in chosen)
        {
            answer.Append("> ").Append(candidate.Text).Append(" [").Append(candidate.Source.Number).Append("]\n");
        }

        return answer.ToString().TrimEnd();
    }

    /// <summary>Cut at the first stop sequence and to the token limit; "length" when the limit cut it, as OpenAI reports.</summary>
    private static (string Answer, ChatFinishReason FinishReason) Limit(string answer, ChatOptions? options)
    {
        foreach (var stop in options?.StopSequences ?? [])
        {
            var at = string.IsNullOrEmpty(stop) ? -1 : answer.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0)
            {
                answer = answer[..at];
            }
        }

        // About four characters a token, as everywhere we estimate tokens without a tokenizer; long, so a
        // limit near int.MaxValue does not overflow into a negative length.
        return options?.MaxOutputTokens is { } maxTokens && answer.Length > maxTokens * 4L
            ? (answer[..(maxTokens * 4)], ChatFinishReason.Length)
            : (answer, ChatFinishReason.Stop);
    }

    // The same estimate Limit cuts by, so an answer cut to max_tokens reports exactly max_tokens.
    private static UsageDetails Usage(List<ChatMessage> messages, string answer) => new()
    {
        InputTokenCount = messages.Sum(m => Answerer.Tokens(m.Text)),
        OutputTokenCount = Answerer.Tokens(answer),
        TotalTokenCount = messages.Sum(m => Answerer.Tokens(m.Text)) + Answerer.Tokens(answer),
    };

    private static IEnumerable<string> Words(string text) => Word().Matches(text.ToLowerInvariant()).Select(match => match.Value);

    // Crude stemming: "indexes", "indexing" and "indexed" all become "index".
    private static string Stem(string word) => word.Length > 5 ? word[..5] : word;

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"^[#>*\-\s]+")]
    private static partial Regex MarkupPrefix();

    [GeneratedRegex(@"\S+\s*")]
    private static partial Regex WordWithSpace();

    [GeneratedRegex(@"[^.!?\n]+(?:[.!?]+|\n|$)")]
    private static partial Regex Sentence();
}
