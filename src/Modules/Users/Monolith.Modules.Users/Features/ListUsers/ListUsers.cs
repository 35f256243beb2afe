using MediatR;
using Monolith.BuildingBlocks.Application;

namespace Monolith.Modules.Users.Features.ListUsers;

internal sealed record ListUsers(int Page, int PageSize) : IRequest<UserPage>, IPagedRequest;

internal sealed record UserPage(IReadOnlyList<UserResponse> Items, int Page, int PageSize, int Total);
