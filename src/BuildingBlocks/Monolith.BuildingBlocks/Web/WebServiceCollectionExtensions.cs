using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Security;

namespace Monolith.BuildingBlocks.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>Problem details for every error, the current user, and the clock.</summary>
    public static IServiceCollection AddPlatformWeb(this IServiceCollection services)
    {
        // Registered before AddProblemDetails so it is asked first; it claims only /v1 paths.
        services.AddSingleton<IProblemDetailsWriter, OpenAiErrorWriter>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            StatusProblems.Apply(context.ProblemDetails);
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        });
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new SafeStringConverter());
            json.SerializerOptions.Converters.Add(new SafeJsonElementConverter());
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
