using MediatR;

namespace Monolith.Modules.Users.Features.Register;

internal sealed record RegisterUser(string Email, string Password, string DisplayName) : IRequest<UserResponse>;
