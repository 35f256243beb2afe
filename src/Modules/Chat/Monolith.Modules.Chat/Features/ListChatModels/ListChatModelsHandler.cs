using MediatR;
using Monolith.Modules.Chat.Contracts;
using Monolith.Modules.Chat.Models;

namespace Monolith.Modules.Chat.Features.ListChatModels;

internal sealed class ListChatModelsHandler(ChatModels models) : IRequestHandler<ListChatModelsQuery, ChatModelList>
{
    public Task<ChatModelList> Handle(ListChatModelsQuery request, CancellationToken cancellationToken) =>
        Task.FromResult(new ChatModelList(models.All
            .OrderBy(model => model.Name, StringComparer.Ordinal)
            .Select(model => new ChatModelSummary(model.Name, model.OwnedBy))
            .ToList()));
}
