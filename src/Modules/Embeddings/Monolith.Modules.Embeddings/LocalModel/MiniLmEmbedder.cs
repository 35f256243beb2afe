using Microsoft.ML.OnnxRuntime;

namespace Monolith.Modules.Embeddings.LocalModel;

/// <summary>
/// all-MiniLM-L6-v2 (sentence-transformers) in process on ONNX Runtime: 384-dimensional, unit-length embeddings
/// of at most 256 tokens per text. One instance per process: it owns the session, which is thread-safe and
/// expensive to create (about 90 MB of weights).
/// </summary>
internal sealed class MiniLmEmbedder : IDisposable
{
    public const string ModelId = "all-MiniLM-L6-v2";

    public const int Dimensions = 384;

    /// <summary>The window of the sentence-transformers configuration, [CLS] and [SEP] included; longer input is truncated.</summary>
    public const int MaxTokens = 256;

    // Sorted by length, a batch runs in slices of about this many padded tokens: texts are padded only to
    // their neighbours' length, and short texts still go many at a time, which ONNX Runtime needs to be
    // efficient. Bigger slices lose to cache misses (see benchmarks/README.md).
    private const int PaddedTokensPerRun = 16 * MaxTokens;

    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly WordPieceTokenizer _tokenizer;

    /// <param name="allowSpinning">Let ONNX Runtime's idle worker threads spin (see <see cref="CreateSession"/>).</param>
    public MiniLmEmbedder(bool allowSpinning = false)
    {
        _session = CreateSession(allowSpinning);
        using var vocabulary = MiniLmModelFiles.OpenVocabulary();
        _tokenizer = new WordPieceTokenizer(vocabulary);
    }

    /// <summary>Tokens the model sees for this text: [CLS] and [SEP] included, after truncation (OpenAI's prompt_tokens).</summary>
    public int CountTokens(string text)
    {
        Span<long> ids = stackalloc long[MaxTokens];
        return _tokenizer.Encode(text, ids);
    }

    /// <summary>
    /// Word pieces of the whole text, without [CLS]/[SEP] and without truncation: for cutting documents into
    /// chunks that fit <see cref="MaxTokens"/> - 2. Counts add up when texts are split at whitespace.
    /// </summary>
    public int CountPieces(string text) => _tokenizer.CountPieces(text);

    /// <summary>Input ids as the model gets them: [CLS], the pieces, [SEP], at most <see cref="MaxTokens"/>.</summary>
    public long[] Tokenize(string text)
    {
        Span<long> ids = stackalloc long[MaxTokens];
        return ids[.._tokenizer.Encode(text, ids)].ToArray();
    }

    /// <summary>One embedding per text, in order. CPU-bound and synchronous; pass texts in batches, not one by one.</summary>
    public float[][] Embed(IReadOnlyList<string> texts)
    {
        var sequences = new long[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            sequences[i] = Tokenize(texts[i]);
        }

        var byLength = Enumerable.Range(0, sequences.Length).OrderByDescending(i => sequences[i].Length).ToArray();
        var embeddings = new float[sequences.Length][];
        for (var start = 0; start < byLength.Length;)
        {
            var count = Math.Clamp(PaddedTokensPerRun / sequences[byLength[start]].Length, 1, byLength.Length - start);
            Run(byLength.AsSpan(start, count), sequences, embeddings);
            start += count;
        }

        return embeddings;
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    /// <summary>Also used by the benchmarks to time the bare session against the same options.</summary>
    internal static InferenceSession CreateSession(bool allowSpinning = false)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = Environment.ProcessorCount,
        };

        // In a server the model shares the cores with Kestrel and PostgreSQL: idle ORT workers that
        // spin steal the CPU the next requests need (measured: up to half the single-text throughput
        // under load). Off by default; docs/benchmarks.md measures both.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", allowSpinning ? "1" : "0");
        return new InferenceSession(MiniLmModelFiles.ReadModel(), options);
    }

    /// <summary>Runs the given sequences, longest first, as one batch padded to the first and stores their embeddings.</summary>
    private void Run(ReadOnlySpan<int> batch, long[][] sequences, float[][] embeddings)
    {
        var length = sequences[batch[0]].Length;

        // Zero is [PAD] in input_ids; token_type_ids are all zero for single sentences.
        var ids = new long[batch.Length * length];
        var mask = new long[batch.Length * length];
        var types = new long[batch.Length * length];
        for (var row = 0; row < batch.Length; row++)
        {
            var sequence = sequences[batch[row]];
            sequence.CopyTo(ids, row * length);
            mask.AsSpan(row * length, sequence.Length).Fill(1);
        }

        long[] shape = [batch.Length, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var outputs = _session.Run(_runOptions, InputNames, [idsValue, maskValue, typesValue], OutputNames);

        var states = outputs[0].GetTensorDataAsSpan<float>();
        var rowSize = length * Dimensions;
        for (var row = 0; row < batch.Length; row++)
        {
            embeddings[batch[row]] = MeanPooling.PoolAndNormalize(
                states.Slice(row * rowSize, rowSize), sequences[batch[row]].Length, Dimensions);
        }
    }
}
