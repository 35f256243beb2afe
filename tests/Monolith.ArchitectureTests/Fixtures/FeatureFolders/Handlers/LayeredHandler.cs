using MediatR;

namespace Monolith.ArchitectureTests.Fixtures.FeatureFolders.Handlers;

internal sealed record Layered : IRequest<string>;

/// <summary>Violation: a technical-layer folder instead of a use case's.</summary>
internal sealed class LayeredHandler : IRequestHandler<Layered, string>
{
    public Task<string> Handle(Layered request, CancellationToken cancellationToken) => Task.FromResult("");
}
