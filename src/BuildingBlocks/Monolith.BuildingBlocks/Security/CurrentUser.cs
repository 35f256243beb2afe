using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Monolith.BuildingBlocks.Security;

/// <summary>The authenticated caller of the current request, as every module sees it.</summary>
public interface ICurrentUser
{
    Guid Id { get; }
    bool IsAdmin { get; }
}

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    /// <summary>JWT "sub": the user id, as issued and as the API-key scheme sets it.</summary>
    public const string SubjectClaim = "sub";

    public Guid Id
    {
        get
        {
            var value = accessor.HttpContext?.User.FindFirstValue(SubjectClaim);
            return Guid.TryParse(value, out var id)
                ? id
                : throw new InvalidOperationException("No authenticated user on this request; the endpoint must require authorization.");
        }
    }

    public bool IsAdmin => accessor.HttpContext?.User.IsInRole(Roles.Admin) ?? false;
}
