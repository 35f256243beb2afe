using MediatR;
using Monolith.Modules.Chat.Contracts;

namespace Monolith.Modules.Chat.Features.SumUsage;

internal sealed record SumUsageQuery(SumChatUsage Request) : IRequest<ChatUsageSums>;
