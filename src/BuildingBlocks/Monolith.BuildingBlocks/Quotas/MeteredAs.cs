namespace Monolith.BuildingBlocks.Quotas;

/// <summary>
/// Endpoint metadata: the route is a model call of this kind ("embeddings", "chat"), so its kind's request and token
/// limits apply besides the limit on all requests.
/// </summary>
public sealed record MeteredAs(string Kind)
{
    public const string Embeddings = "embeddings";
    public const string Chat = "chat";
}
