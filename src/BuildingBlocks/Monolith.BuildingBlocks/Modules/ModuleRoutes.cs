using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Monolith.BuildingBlocks.Modules;

/// <summary>
/// The URL path prefixes of a module's HTTP API, read from the routes its <see cref="IModule.MapEndpoints"/> maps
/// (the literal start of each route, e.g. "/api/v1/collections" of "/api/v1/collections/{id:guid}/search"), so a
/// gateway forwards exactly what the module serves and no list is kept by hand. The module's services are not
/// needed: its endpoints are built against a stand-in container only to read their patterns, never served.
/// </summary>
public static class ModuleRoutes
{
    public static IReadOnlyList<string> PrefixesOf(IModule module)
    {
        using var listing = new RouteListing();
        module.MapEndpoints(listing);
        var prefixes = listing.DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Select(endpoint => LiteralPrefix(endpoint.RoutePattern))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return prefixes
            .Where(prefix => !prefixes.Any(shorter => prefix.StartsWith(shorter + "/", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string LiteralPrefix(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments
            .TakeWhile(segment => segment.IsSimple && segment.Parts[0].IsLiteral)
            .Select(segment => ((RoutePatternLiteralPart)segment.Parts[0]).Content));

    /// <summary>
    /// Route handlers take services (interfaces and abstract types: the mediator, the caller, options) and request
    /// bodies (records); said so here, minimal APIs infer each parameter's source as they would in the module's process.
    /// </summary>
    private sealed class RouteListing : IEndpointRouteBuilder, IServiceProvider, IServiceProviderIsService, IDisposable
    {
        private readonly ServiceProvider _framework = new ServiceCollection().AddLogging().AddOptions().BuildServiceProvider();

        public IServiceProvider ServiceProvider => this;

        public ICollection<EndpointDataSource> DataSources { get; } = [];

        public IApplicationBuilder CreateApplicationBuilder() => throw new NotSupportedException("Routes are only listed.");

        public object? GetService(Type serviceType) =>
            serviceType == typeof(IServiceProviderIsService) ? this : _framework.GetService(serviceType);

        public bool IsService(Type serviceType) => serviceType.IsInterface || serviceType.IsAbstract;

        public void Dispose() => _framework.Dispose();
    }
}
