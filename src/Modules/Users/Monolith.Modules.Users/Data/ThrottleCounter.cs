namespace Monolith.Modules.Users.Data;

/// <summary>
/// One counter of login failures or registrations (<see cref="Throttling.LoginThrottle"/>), in PostgreSQL so every
/// process of the platform shares it. Key: "account:" + SHA-256 of the normalised email, "address:" or "register:"
/// + the client address.
/// </summary>
internal sealed class ThrottleCounter
{
    public required string Key { get; init; }
    public int Count { get; set; }
    public DateTimeOffset WindowStartedAt { get; set; }
    public DateTimeOffset? BlockedUntil { get; set; }
}
