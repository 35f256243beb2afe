using System.Globalization;
using MediatR;

namespace Monolith.Modules.Chat.Features.ListResponseInputItems;

/// <summary>
/// A page of a stored response's input items (OpenAI's list shape). The query values arrive as sent and the validator
/// checks them: <paramref name="Limit"/> 1–100 (20), <paramref name="Order"/> <c>asc</c> or <c>desc</c> (the default),
/// <paramref name="After"/> / <paramref name="Before"/> an item id of the list.
/// </summary>
internal sealed record ListResponseInputItems(Guid UserId, string ResponseId, string? Limit, string? Order, string? After, string? Before)
    : IRequest<string>
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public int PageSize => Limit is null ? DefaultLimit : int.Parse(Limit, NumberStyles.None, CultureInfo.InvariantCulture);

    public bool Ascending => Order == "asc";
}
