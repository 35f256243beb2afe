using MediatR;

namespace Monolith.Modules.Embeddings.Features.EraseUserUsage;

internal sealed record EraseUserUsage(Guid UserId) : IRequest<Unit>;
