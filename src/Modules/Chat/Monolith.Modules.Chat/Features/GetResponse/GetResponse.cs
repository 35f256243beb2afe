using MediatR;

namespace Monolith.Modules.Chat.Features.GetResponse;

/// <summary>Answers the stored response object (JSON) as its create call answered it.</summary>
internal sealed record GetResponse(Guid UserId, string ResponseId) : IRequest<string>;
