using System.Buffers;
using FastBertTokenizer;

namespace Monolith.Modules.Embeddings.LocalModel;

/// <summary>
/// Lower-casing BERT WordPiece over the model's vocab.txt, matching the Hugging Face tokenizer the model was
/// trained with. FastBertTokenizer does the work (it was the fastest and most faithful candidate, see
/// benchmarks/README.md); the two input fixes in front of it cover what it gets wrong in this process.
/// Thread-safe: the span-based Encode keeps no state between calls.
/// </summary>
internal sealed class WordPieceTokenizer
{
    public const int ClsId = 101;
    public const int SepId = 102;

    private readonly BertTokenizer _bert = new();

    public WordPieceTokenizer(TextReader vocabulary) =>
        _bert.LoadVocabulary(vocabulary, convertInputToLowercase: true);

    /// <summary>Writes [CLS], the pieces and [SEP] to <paramref name="ids"/>, truncated to its length; returns how many.</summary>
    public int Encode(string text, Span<long> ids)
    {
        var attentionMask = ArrayPool<long>.Shared.Rent(ids.Length);
        try
        {
            return _bert.Encode(Prepare(text), ids, attentionMask.AsSpan(0, ids.Length));
        }
        finally
        {
            ArrayPool<long>.Shared.Return(attentionMask);
        }
    }

    /// <summary>Pieces of the whole text without [CLS]/[SEP] and without truncation.</summary>
    public int CountPieces(string text)
    {
        var prepared = Prepare(text);

        // Every piece covers at least one character, so this never truncates.
        var capacity = prepared.Length + 2;
        var ids = ArrayPool<long>.Shared.Rent(capacity);
        var attentionMask = ArrayPool<long>.Shared.Rent(capacity);
        try
        {
            return _bert.Encode(prepared, ids.AsSpan(0, capacity), attentionMask.AsSpan(0, capacity)) - 2;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<long>.Shared.Return(attentionMask);
        }
    }

    private static string Prepare(string text) => OverlongWords.Replace(AccentStripper.Strip(text));
}
