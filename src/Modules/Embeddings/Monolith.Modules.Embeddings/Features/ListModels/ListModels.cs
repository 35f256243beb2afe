using System.Text.Json.Serialization;
using MediatR;

namespace Monolith.Modules.Embeddings.Features.ListModels;

internal sealed record ListModels : IRequest<ModelList>;

/// <summary>OpenAI's model list: clients require id, object, created and owned_by on every entry.</summary>
internal sealed record ModelList(
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("data")] IReadOnlyList<ModelEntry> Data);

internal sealed record ModelEntry(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("owned_by")] string OwnedBy);
