namespace Monolith.Modules.Embeddings.Contracts;

/// <summary>What a text is embedded for; asymmetric models (e5, bge) prefix queries and documents differently.</summary>
public enum EmbeddingPurpose
{
    Document = 0,
    Query = 1,
}
