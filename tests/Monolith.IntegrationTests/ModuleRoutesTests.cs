using Monolith.BuildingBlocks.Modules;
using Monolith.Modules.Chat;
using Monolith.Modules.Embeddings;
using Monolith.Modules.Search;
using Monolith.Modules.Users;

namespace Monolith.IntegrationTests;

/// <summary>What a gateway forwards for a module that runs elsewhere is read from the routes the module maps.</summary>
public sealed class ModuleRoutesTests
{
    [Fact]
    public void A_modules_prefixes_are_the_literal_starts_of_the_routes_it_maps()
    {
        Assert.Equal(["/api/v1/admin/users", "/api/v1/auth/register", "/api/v1/auth/token", "/api/v1/users/me"], ModuleRoutes.PrefixesOf(new UsersModule()));
        Assert.Equal(["/api/v1/collections"], ModuleRoutes.PrefixesOf(new SearchModule()));
        Assert.Equal(["/api/v1/conversations", "/v1/chat/completions", "/v1/responses"], ModuleRoutes.PrefixesOf(new ChatModule()));
        Assert.Equal(["/v1/embeddings"], ModuleRoutes.PrefixesOf(new EmbeddingsModule()));
    }
}
