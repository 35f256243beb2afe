using Microsoft.Extensions.AI;
using Monolith.Modules.Embeddings.LocalModel;

namespace Monolith.Modules.Embeddings.Models;

/// <summary>The in-process model behind the same <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> as upstream models.</summary>
/// <remarks>The batcher is lazy so the ONNX model loads on the first text, not at start-up.</remarks>
internal sealed class LocalEmbeddingGenerator(Lazy<DynamicBatcher> batcher) : IEmbeddingGenerator<string, Embedding<float>>
{
    private static readonly EmbeddingGeneratorMetadata Metadata = new("onnxruntime", defaultModelId: MiniLmEmbedder.ModelId, defaultModelDimensions: MiniLmEmbedder.Dimensions);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var vectors = await batcher.Value.EmbedAsync(values.ToList(), cancellationToken);
        return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = MiniLmEmbedder.ModelId }));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // The batcher and the model belong to EmbeddingModels, which outlives every generator call.
    }
}
