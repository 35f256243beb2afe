using MediatR;

namespace Monolith.Modules.Chat.Features.EraseUserConversations;

internal sealed record EraseUserConversations(Guid UserId) : IRequest<Unit>;
