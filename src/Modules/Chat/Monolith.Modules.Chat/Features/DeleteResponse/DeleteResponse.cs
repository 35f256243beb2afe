using MediatR;

namespace Monolith.Modules.Chat.Features.DeleteResponse;

internal sealed record DeleteResponse(Guid UserId, string ResponseId) : IRequest<Unit>;
