using Microsoft.ML.OnnxRuntime;
using Monolith.Modules.Embeddings.LocalModel;

namespace Monolith.Benchmarks;

internal static class Subjects
{
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    /// <summary>(a) The bare session on pre-tokenised input padded to the batch's longest text: the ceiling for (b).</summary>
    public static Subject OnnxRuntime(InferenceSession session, MiniLmEmbedder tokenizer) => new("(a) ONNX Runtime", async workload =>
    {
        var sequences = workload.Texts.Select(tokenizer.Tokenize).ToArray();
        var length = sequences.Max(sequence => sequence.Length);
        var ids = new long[sequences.Length * length];
        var mask = new long[sequences.Length * length];
        for (var row = 0; row < sequences.Length; row++)
        {
            sequences[row].CopyTo(ids, row * length);
            mask.AsSpan(row * length, sequences[row].Length).Fill(1);
        }

        long[] shape = [sequences.Length, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        using var runOptions = new RunOptions();
        OrtValue[] inputs = [idsValue, maskValue, typesValue];
        return await Stopwatches.SecondsPerCall(() =>
        {
            using var outputs = session.Run(runOptions, InputNames, inputs, OutputNames);
            return Task.CompletedTask;
        });
    });

    /// <summary>(b) What the module calls: tokenising, sub-batching, inference, pooling.</summary>
    public static Subject Embedder(MiniLmEmbedder embedder) => new("(b) MiniLmEmbedder.Embed", workload =>
        Stopwatches.SecondsPerCall(() =>
        {
            embedder.Embed(workload.Texts);
            return Task.CompletedTask;
        }));

    /// <summary>(c) <c>POST /v1/embeddings</c> over loopback HTTP: auth, validation, the service, usage row, JSON.</summary>
    public static Subject Http(HttpHost host, string name) => new(name, workload =>
        Stopwatches.SecondsPerCall(() => host.EmbedAsync(workload.Texts)));
}
