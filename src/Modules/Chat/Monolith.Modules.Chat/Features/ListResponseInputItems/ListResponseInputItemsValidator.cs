using System.Globalization;
using FluentValidation;

namespace Monolith.Modules.Chat.Features.ListResponseInputItems;

internal sealed class ListResponseInputItemsValidator : AbstractValidator<ListResponseInputItems>
{
    public ListResponseInputItemsValidator()
    {
        RuleFor(q => q.Limit)
            .Must(limit => int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= ListResponseInputItems.MaxLimit)
            .When(q => q.Limit is not null)
            .WithMessage($"limit must be an integer from 1 to {ListResponseInputItems.MaxLimit}.")
            .OverridePropertyName("limit");
        RuleFor(q => q.Order).Must(order => order is "asc" or "desc").When(q => q.Order is not null)
            .WithMessage("order must be asc or desc.").OverridePropertyName("order");
    }
}
