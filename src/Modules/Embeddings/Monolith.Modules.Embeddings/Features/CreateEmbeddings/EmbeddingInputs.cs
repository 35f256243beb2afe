using System.Text.Json;

namespace Monolith.Modules.Embeddings.Features.CreateEmbeddings;

/// <summary>
/// OpenAI's <c>input</c>: a string, an array of strings, one token array (integers), or an array of token arrays.
/// Read once into the texts to embed, or the first problem, naming where it is (<c>input[1][3]</c>).
/// </summary>
internal static class EmbeddingInputs
{
    public static (IReadOnlyList<string> Texts, string? Problem) Read(JsonElement input, EmbeddingLimits limits)
    {
        if (input.ValueKind == JsonValueKind.Array && input.GetArrayLength() > 0 && input.EnumerateArray().All(item => item.ValueKind == JsonValueKind.Number))
        {
            return Checked([Item(input, "input")], limits);
        }

        List<(string? Text, string Where, string? Problem)> items = input.ValueKind switch
        {
            JsonValueKind.String => [(input.GetString(), "input", null)],
            JsonValueKind.Array when input.GetArrayLength() == 0 => [(null, "input", "input must not be an empty array.")],
            JsonValueKind.Array when input.GetArrayLength() > limits.MaxInputsPerRequest => [(null, "input",
                $"input has {input.GetArrayLength()} items; at most {limits.MaxInputsPerRequest} are allowed per request.")],
            JsonValueKind.Array => input.EnumerateArray().Select((item, index) => Item(item, $"input[{index}]")).ToList(),
            JsonValueKind.Undefined or JsonValueKind.Null => [(null, "input", "input is required: a string or an array of strings (or of cl100k_base token arrays).")],
            _ => [(null, "input", "input must be a string or an array of strings (or of cl100k_base token arrays).")],
        };
        return Checked(items, limits);
    }

    private static (string? Text, string Where, string? Problem) Item(JsonElement item, string where) => item.ValueKind switch
    {
        JsonValueKind.String => (item.GetString(), where, null),
        JsonValueKind.Array => Tokens(item, where),
        _ => (null, where, $"{where} must be a string or an array of token ids."),
    };

    /// <summary>A token array of cl100k_base ids decoded, or the problem naming the first invalid id's index.</summary>
    private static (string? Text, string Where, string? Problem) Tokens(JsonElement array, string where)
    {
        var ids = new List<int>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var id) || !Cl100kTokens.IsValid(id))
            {
                return (null, where, $"{where}[{ids.Count}] is not a cl100k_base token id ({item.GetRawText()}).");
            }

            ids.Add(id);
        }

        return ids.Count == 0 ? (null, where, $"{where} must not be an empty token array.") : (Cl100kTokens.Decode(ids), where, null);
    }

    private static (IReadOnlyList<string> Texts, string? Problem) Checked(List<(string? Text, string Where, string? Problem)> items, EmbeddingLimits limits)
    {
        // One clear message beats 2,048 of them: the first problem only.
        foreach (var (text, where, problem) in items)
        {
            var found = problem
                ?? (text!.Length == 0 ? $"{where} must not be an empty string."
                : text.Length > limits.MaxCharactersPerInput ? $"{where} has {text.Length} characters; at most {limits.MaxCharactersPerInput} are allowed."
                : null);
            if (found is not null)
            {
                return ([], found);
            }
        }

        return (items.Select(item => item.Text!).ToList(), null);
    }
}
