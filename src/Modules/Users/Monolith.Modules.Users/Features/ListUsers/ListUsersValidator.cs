using FluentValidation;

namespace Monolith.Modules.Users.Features.ListUsers;

internal sealed class ListUsersValidator : AbstractValidator<ListUsers>
{
    public const int MaximumPageSize = 200;

    public ListUsersValidator()
    {
        RuleFor(r => r.Page).GreaterThanOrEqualTo(1);
        RuleFor(r => r.PageSize).InclusiveBetween(1, MaximumPageSize);
    }
}
