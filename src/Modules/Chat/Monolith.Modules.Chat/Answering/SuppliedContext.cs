using System.Text.RegularExpressions;

namespace Monolith.Modules.Chat.Answering;

/// <summary>
/// Passages a client put into the prompt itself, for the extractive model when no collection is given: LangChain's
/// and LlamaIndex's own retrieval send "Context: …" / "Context information is below. ---- … ----" blocks with a
/// "Question:" or "Query:" line. The system prompt and the user message's context part are split into passages at
/// blank and ruler lines, numbered [1]… like retrieved sources; the question is the marked line, or the whole message.
/// </summary>
internal static partial class SuppliedContext
{
    private const int MinimumPassageCharacters = 20;

    /// <summary>No passages unless the system prompt or the message speaks of context: a plain system prompt is an instruction, not a source.</summary>
    public static (IReadOnlyList<Source> Sources, string Question) Read(string? systemPrompt, string message)
    {
        if (!ContextWord().IsMatch(systemPrompt ?? "") && !ContextWord().IsMatch(message))
        {
            return ([], message);
        }

        var (context, question) = Split(message);
        var passages = Passages(systemPrompt).Concat(Passages(context))
            .Select((text, index) => new Source(index + 1, Guid.Empty, Guid.Empty, $"Supplied passage {index + 1}", text, 0))
            .ToList();
        return (passages, question);
    }

    private static (string Context, string Question) Split(string message)
    {
        var marker = QuestionMarker().Match(message);
        if (marker.Success)
        {
            var rest = message[(marker.Index + marker.Length)..];
            var end = NextMarker().Match(rest);
            var question = end.Success ? rest[..end.Index] : rest;
            var context = message[..marker.Index] + (end.Success ? rest[end.Index..] : "");
            return (context, question.Trim());
        }

        var contextMarker = ContextMarker().Match(message);
        return contextMarker.Success ? (message[contextMarker.Index..], message[..contextMarker.Index].Trim()) : ("", message);
    }

    private static IEnumerable<string> Passages(string? text) => string.IsNullOrWhiteSpace(text)
        ? []
        : Separator().Split(text)
            .Select(passage => ContextLabel().Replace(Tag().Replace(passage, "").Trim(), ""))
            .Where(passage => passage.Length >= MinimumPassageCharacters);

    [GeneratedRegex(@"\bcontext\b", RegexOptions.IgnoreCase)]
    private static partial Regex ContextWord();

    [GeneratedRegex(@"^\s*(?:question|query)\s*:\s*", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex QuestionMarker();

    [GeneratedRegex(@"^\s*(?:context|answer|helpful answer)\b[^\n:]*:", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex NextMarker();

    // "Context:" (LangChain) or "Context information is below." (LlamaIndex).
    [GeneratedRegex(@"^\s*context\b[^\n]*?(?::|is below)", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex ContextMarker();

    [GeneratedRegex(@"\n\s*\n|\n\s*[-=_*]{3,}\s*(?:\n|$)")]
    private static partial Regex Separator();

    // <context>, </document> and the like around passages (LangChain's prompts).
    [GeneratedRegex(@"</?[a-z_]+>", RegexOptions.IgnoreCase)]
    private static partial Regex Tag();

    [GeneratedRegex(@"^(?:context\b[^\n:]*:|answer\s*:)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ContextLabel();
}
