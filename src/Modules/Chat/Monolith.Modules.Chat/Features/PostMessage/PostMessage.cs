using MediatR;
using Monolith.Modules.Chat.Answering;

namespace Monolith.Modules.Chat.Features.PostMessage;

internal sealed record PostMessageRequest(string Content);

/// <summary>Answered with a stream: <see cref="AnswerDelta"/>s, then one <see cref="MessageSaved"/>.</summary>
internal sealed record PostMessage(Guid UserId, Guid ConversationId, string Content) : IRequest<IAsyncEnumerable<AnswerEvent>>;

internal sealed record MessageSaved(MessageResponse Message) : AnswerEvent;
