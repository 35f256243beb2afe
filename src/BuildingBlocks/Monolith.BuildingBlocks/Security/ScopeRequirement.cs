using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Monolith.BuildingBlocks.Security;

/// <summary>
/// Endpoint metadata: the scope a scoped API key needs, for reading (GET, HEAD) and for everything else. The most
/// specific one wins (an endpoint's over its group's). A route without it is closed to scoped keys; one with
/// <see cref="AnyScope"/> is open to every key (nothing to protect, e.g. the model list).
/// </summary>
public sealed record ScopeRequirement(string? ForReading, string? ForWriting)
{
    public static ScopeRequirement AnyScope { get; } = new(null, null);

    /// <summary>The scope this request needs, or null when any key may make it.</summary>
    public string? For(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? ForReading : ForWriting;
}

public static class ScopeRequirementExtensions
{
    /// <summary>Scoped keys need <paramref name="scope"/> here, whatever the method.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ScopeRequirement(scope, scope));

    /// <summary>Scoped keys need <paramref name="read"/> to read (GET) and <paramref name="write"/> for anything else.</summary>
    public static TBuilder RequireScopes<TBuilder>(this TBuilder builder, string read, string write)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ScopeRequirement(read, write));

    /// <summary>Every key may call this, whatever its scopes.</summary>
    public static TBuilder AllowAnyScope<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ScopeRequirement.AnyScope);
}
