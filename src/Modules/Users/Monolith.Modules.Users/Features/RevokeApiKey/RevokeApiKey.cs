using MediatR;

namespace Monolith.Modules.Users.Features.RevokeApiKey;

internal sealed record RevokeApiKey(Guid UserId, Guid KeyId) : IRequest<Unit>;
