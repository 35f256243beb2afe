using MediatR;

namespace Monolith.Modules.Users.Features.ListUsers;

internal sealed record ListUsers(int Page, int PageSize) : IRequest<UserPage>;

internal sealed record UserPage(IReadOnlyList<UserResponse> Items, int Page, int PageSize, int Total);
