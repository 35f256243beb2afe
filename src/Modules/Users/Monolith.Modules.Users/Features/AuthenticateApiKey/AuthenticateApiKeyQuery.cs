using MediatR;
using Monolith.Modules.Users.Contracts;

namespace Monolith.Modules.Users.Features.AuthenticateApiKey;

internal sealed record AuthenticateApiKeyQuery(string ApiKey) : IRequest<CallerIdentity>;
