using Monolith.Modules.Embeddings.LocalModel;

namespace Monolith.EmbeddingsTests;

/// <summary>One real model for all tests: loading it takes about a second and 100 MB.</summary>
public sealed class MiniLmFixture : IDisposable
{
    internal MiniLmEmbedder Embedder { get; } = new();

    public void Dispose() => Embedder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class MiniLmCollection : ICollectionFixture<MiniLmFixture>
{
    public const string Name = "MiniLM";
}
