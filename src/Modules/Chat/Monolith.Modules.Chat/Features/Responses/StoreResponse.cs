using MediatR;

namespace Monolith.Modules.Chat.Features.Responses;

/// <summary>Keeps a finished response: <paramref name="Body"/> the response object, <paramref name="Conversation"/> its chat messages with the answer last.</summary>
internal sealed record StoreResponse(Guid UserId, Guid ResponseId, string Body, string Conversation) : IRequest<Unit>;
