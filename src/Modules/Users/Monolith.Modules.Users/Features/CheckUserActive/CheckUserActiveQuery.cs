using MediatR;
using Monolith.Modules.Users.Contracts;

namespace Monolith.Modules.Users.Features.CheckUserActive;

internal sealed record CheckUserActiveQuery(Guid UserId) : IRequest<CallerIdentity>;
