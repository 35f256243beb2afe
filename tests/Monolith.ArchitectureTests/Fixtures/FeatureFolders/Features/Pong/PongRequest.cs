using MediatR;

namespace Monolith.ArchitectureTests.Fixtures.FeatureFolders.Features.Pong;

internal sealed record PongRequest : IRequest<string>;
