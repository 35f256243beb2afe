using MediatR;

namespace Monolith.Modules.Users.Features.Register;

internal sealed record RegisterUserRequest(string Email, string Password, string DisplayName);

/// <summary><paramref name="ClientAddress"/>: whose registrations this one counts against.</summary>
internal sealed record RegisterUser(string Email, string Password, string DisplayName, string ClientAddress) : IRequest<UserResponse>;
