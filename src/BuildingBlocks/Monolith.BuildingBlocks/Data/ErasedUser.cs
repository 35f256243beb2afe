namespace Monolith.BuildingBlocks.Data;

/// <summary>
/// A tombstone: this module has erased the user's data, and no write of that user may store anything again.
/// Kept for good (a user id is never reused); it holds the random id and the time, nothing about the person.
/// </summary>
public sealed class ErasedUser
{
    public Guid UserId { get; init; }

    public DateTimeOffset ErasedAt { get; init; }
}
