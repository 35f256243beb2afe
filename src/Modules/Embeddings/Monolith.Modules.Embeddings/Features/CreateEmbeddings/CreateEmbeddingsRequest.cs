using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monolith.Modules.Embeddings.Features.CreateEmbeddings;

/// <summary>OpenAI's embeddings request, field for field.</summary>
internal sealed record CreateEmbeddingsRequest(
    [property: JsonPropertyName("input")] JsonElement Input,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("encoding_format")] string? EncodingFormat,
    [property: JsonPropertyName("dimensions")] int? Dimensions,
    [property: JsonPropertyName("user")] string? User);
