using MediatR;

namespace Monolith.Modules.Search.Features.EraseUserData;

internal sealed record EraseUserData(Guid UserId) : IRequest<Unit>;
