using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Features;

internal sealed record CollectionResponse(
    Guid Id, string Name, string? Description, string EmbeddingModel, int Dimensions, string TextSearchConfig, DateTimeOffset CreatedAt, DocumentCounts? DocumentCounts = null)
{
    public static CollectionResponse From(Collection collection, DocumentCounts? counts = null) =>
        new(collection.Id, collection.Name, collection.Description, collection.EmbeddingModel, collection.Dimensions, collection.TextSearchConfig, collection.CreatedAt, counts);
}

internal sealed record DocumentCounts(int Pending, int Indexed, int Failed);
