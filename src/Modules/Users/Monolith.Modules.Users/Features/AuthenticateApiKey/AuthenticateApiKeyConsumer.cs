using MediatR;
using Monolith.Modules.Users.Contracts;
using Wolverine;

namespace Monolith.Modules.Users.Features.AuthenticateApiKey;

/// <summary>Answers <see cref="AuthenticateApiKey"/> for any process. Public only because Wolverine's generated code calls it.</summary>
public sealed class AuthenticateApiKeyConsumer : IWolverineHandler
{
    public static Task<CallerIdentity> Handle(Contracts.AuthenticateApiKey message, IMediator mediator, CancellationToken cancellationToken) =>
        mediator.Send(new AuthenticateApiKeyQuery(message.ApiKey), cancellationToken);
}
