using MediatR;

namespace Monolith.Modules.Users.Features.GetCurrentUser;

internal sealed record GetCurrentUser(Guid UserId) : IRequest<UserResponse>;
