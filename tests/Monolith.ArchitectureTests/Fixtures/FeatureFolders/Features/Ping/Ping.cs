using MediatR;
using Microsoft.AspNetCore.Routing;
using Monolith.ArchitectureTests.Fixtures.FeatureFolders.Features.Pong;

namespace Monolith.ArchitectureTests.Fixtures.FeatureFolders.Features.Ping;

// Allowed: one use case's request, handler and endpoint together in Features.Ping.
internal sealed record Ping : IRequest<string>;

internal sealed class PingHandler : IRequestHandler<Ping, string>
{
    public Task<string> Handle(Ping request, CancellationToken cancellationToken) => Task.FromResult("pong");
}

internal static class PingEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) => _ = endpoints;
}

/// <summary>Violation: handles the request of another use case's folder.</summary>
internal sealed class PongHandler : IRequestHandler<PongRequest, string>
{
    public Task<string> Handle(PongRequest request, CancellationToken cancellationToken) => Task.FromResult("ping");
}
