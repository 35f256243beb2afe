using MediatR;
using Monolith.Modules.Chat.Contracts;
using Wolverine;

namespace Monolith.Modules.Chat.Features.ListChatModels;

/// <summary>Answers <see cref="ListChatModels"/>. Public only because Wolverine's generated code calls it.</summary>
public sealed class ListChatModelsConsumer : IWolverineHandler
{
    public static Task<ChatModelList> Handle(Contracts.ListChatModels message, IMediator mediator, CancellationToken cancellationToken) =>
        mediator.Send(new ListChatModelsQuery(), cancellationToken);
}
