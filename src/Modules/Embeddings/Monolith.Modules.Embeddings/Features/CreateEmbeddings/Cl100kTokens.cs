using Microsoft.ML.Tokenizers;

namespace Monolith.Modules.Embeddings.Features.CreateEmbeddings;

/// <summary>
/// Token-array input as OpenAI clients send it (Python LangChain's <c>OpenAIEmbeddings</c> tokenizes with tiktoken's
/// <c>cl100k_base</c> by default): the ids decoded back to text, which the requested model then embeds with its own
/// tokenizer. The vocabulary ships in Microsoft.ML.Tokenizers.Data.Cl100kBase, so nothing is downloaded.
/// </summary>
internal static class Cl100kTokens
{
    private static readonly Lazy<TiktokenTokenizer> Tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    // cl100k_base's ordinary tokens are ranks 0..100255; its special tokens (<|endoftext|> and the rest) lie above.
    private const int OrdinaryTokens = 100_256;

    public static bool IsValid(int id) =>
        id is >= 0 and < OrdinaryTokens || Tokenizer.Value.SpecialTokens?.Values.Contains(id) == true;

    public static string Decode(IEnumerable<int> ids) => Tokenizer.Value.Decode(ids);
}
