using MediatR;
using Monolith.Modules.Chat.Contracts;

namespace Monolith.Modules.Chat.Features.ListChatModels;

internal sealed record ListChatModelsQuery : IRequest<ChatModelList>;
