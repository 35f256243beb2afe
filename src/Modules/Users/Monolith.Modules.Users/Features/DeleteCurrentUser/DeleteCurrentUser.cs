using MediatR;

namespace Monolith.Modules.Users.Features.DeleteCurrentUser;

internal sealed record DeleteCurrentUser(Guid UserId) : IRequest<Unit>;
