using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.Security;
using Monolith.BuildingBlocks.Web;

namespace Monolith.Host;

/// <summary>
/// A scoped API key may call only routes whose <see cref="ScopeRequirement"/> it holds (ADR 42); anything else is a
/// 403 naming the missing scope. It reads the caller's principal only (the scopes ride on the identity Users gave,
/// cached where Users runs elsewhere), so it costs no round trip and holds in every process shape. Routes forwarded
/// by the gateway are checked by the module's own process.
/// </summary>
internal static class ApiKeyScopes
{
    public static IApplicationBuilder UseApiKeyScopes(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var scopes = context.User.FindAll(ApiScopes.ClaimType).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal);
        var endpoint = context.GetEndpoint();
        if (scopes.Count == 0 || endpoint is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            await next(context);
            return;
        }

        var requirement = endpoint.Metadata.GetMetadata<ScopeRequirement>();
        if (requirement is not null && (requirement.For(context.Request.Method) is not { } needed || scopes.Contains(needed)))
        {
            await next(context);
            return;
        }

        var missing = requirement?.For(context.Request.Method);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Type = ProblemTypes.For("missing-scope"),
            Title = "Missing scope",
            Detail = missing is null
                ? "This operation is open to login tokens and unscoped API keys only."
                : $"This API key lacks the scope '{missing}' this operation needs.",
        };
        problem.Extensions["scope"] = missing;
        await ProblemResponse.WriteAsync(context, problem);
    });
}
