namespace Monolith.Modules.Chat.Data;

/// <summary>
/// A response created through <c>/v1/responses</c> with <c>store</c> (OpenAI's default): the response object as it was
/// answered, for <c>GET /v1/responses/{id}</c>, and the conversation up to and including its answer, which a later
/// request's <c>previous_response_id</c> continues.
/// </summary>
internal sealed class StoredResponse
{
    public Guid Id { get; init; }
    public Guid OwnerId { get; init; }

    /// <summary>The response object (JSON), exactly as the create call answered it.</summary>
    public required string Body { get; init; }

    /// <summary>The chat messages (JSON array of <c>{role, content}</c>) that led to this answer, the answer last; instructions excluded, as OpenAI does.</summary>
    public required string Conversation { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
