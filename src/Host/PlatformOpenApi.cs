namespace Monolith.Host;

internal static class PlatformOpenApi
{
    public static IServiceCollection AddPlatformOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Monolith AI platform";
            document.Info.Description = "Users, embeddings, search and chat. Authenticate with \"Authorization: Bearer <token or sk- API key>\".";
            return Task.CompletedTask;
        }));
}
