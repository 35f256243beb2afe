using MediatR;

namespace Monolith.ArchitectureTests.Fixtures.FeatureFolders.Features;

internal sealed record Unfiled : IRequest<string>;

/// <summary>Violation: in Features itself, not in a use case's folder.</summary>
internal sealed class UnfiledHandler : IRequestHandler<Unfiled, string>
{
    public Task<string> Handle(Unfiled request, CancellationToken cancellationToken) => Task.FromResult("");
}
