using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Monolith.ArchitectureTests.Fixtures.Naming;

internal sealed record Ping : IRequest<string>;

/// <summary>Allowed: internal sealed *Handler.</summary>
internal sealed class PingHandler : IRequestHandler<Ping, string>
{
    public Task<string> Handle(Ping request, CancellationToken cancellationToken) => Task.FromResult("pong");
}

/// <summary>Allowed: *Validator.</summary>
internal sealed class PingValidator : AbstractValidator<Ping>;

/// <summary>Allowed: *Endpoint.</summary>
internal static class PingEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) => _ = endpoints;
}

/// <summary>Allowed: *Consumer.</summary>
public sealed class PingConsumer : IWolverineHandler;

/// <summary>Violation: a MediatR handler not named *Handler.</summary>
internal sealed class PingProcessor : IRequestHandler<Ping, string>
{
    public Task<string> Handle(Ping request, CancellationToken cancellationToken) => Task.FromResult("pong");
}

/// <summary>Violation: public.</summary>
public sealed class PublicPingHandler : IRequestHandler<PublicPing, string>
{
    public Task<string> Handle(PublicPing request, CancellationToken cancellationToken) => Task.FromResult("pong");
}

public sealed record PublicPing : IRequest<string>;

/// <summary>Not a handler itself (abstract); its subclasses are.</summary>
internal abstract class PingHandlerBase : IRequestHandler<Ping, string>
{
    public Task<string> Handle(Ping request, CancellationToken cancellationToken) => Task.FromResult("pong");
}

/// <summary>Violation: a handler through its base class, not named *Handler.</summary>
internal sealed class InheritedPingProcessor : PingHandlerBase;

/// <summary>Violation: not sealed.</summary>
internal class UnsealedPingHandler : PingHandlerBase;

/// <summary>Allowed: sealed (and inherits its handler interface twice removed).</summary>
internal sealed class DerivedPingHandler : UnsealedPingHandler;

/// <summary>Violation: a validator not named *Validator.</summary>
internal sealed class PingRules : AbstractValidator<Ping>;

/// <summary>Violation: an endpoint class not named *Endpoint.</summary>
internal static class PingRoutes
{
    public static void Map(IEndpointRouteBuilder endpoints) => _ = endpoints;
}

/// <summary>Two violations: a Wolverine handler not named *Consumer, and a *Handler that is a Wolverine handler.</summary>
public sealed class PongHandler : IWolverineHandler;
