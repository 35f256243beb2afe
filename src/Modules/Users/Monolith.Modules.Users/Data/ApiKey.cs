using Monolith.Modules.Users.Contracts;

namespace Monolith.Modules.Users.Data;

internal sealed class ApiKey
{
    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public required string Name { get; init; }

    /// <summary>The first characters of the key, shown so users can tell keys apart.</summary>
    public required string Prefix { get; init; }

    /// <summary>SHA-256 of the whole key, hex. Keys are 256 random bits, so a fast hash is enough and lookup by hash stays an index seek.</summary>
    public required string Hash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>What the key is limited to (<see cref="BuildingBlocks.Security.ApiScopes"/>); null: everything its owner may do.</summary>
    public List<string>? Scopes { get; init; }

    /// <summary>When the key stops working; null: never.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The key's own limits, counted besides its owner's (so within them); null: only the owner's.</summary>
    public CallerLimits? Limits { get; init; }
}
