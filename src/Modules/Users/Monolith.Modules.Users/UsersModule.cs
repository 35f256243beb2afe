using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Application;
using Monolith.BuildingBlocks.Data;
using Monolith.BuildingBlocks.Modules;
using Monolith.BuildingBlocks.Security;
using Monolith.Modules.Users.Data;
using Monolith.Modules.Users.Features.CreateApiKey;
using Monolith.Modules.Users.Features.DeleteCurrentUser;
using Monolith.Modules.Users.Features.GetCurrentUser;
using Monolith.Modules.Users.Features.IssueToken;
using Monolith.Modules.Users.Features.ListApiKeys;
using Monolith.Modules.Users.Features.ListUsers;
using Monolith.Modules.Users.Features.Register;
using Monolith.Modules.Users.Features.RevokeApiKey;
using Monolith.Modules.Users.Features.SetUserLimits;
using Monolith.Modules.Users.Throttling;

namespace Monolith.Modules.Users;

/// <summary>Accounts, login, API keys and roles.</summary>
public sealed class UsersModule : IModule
{
    public string Name => "Users";

    public string Schema => UsersDbContext.Schema;

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleApplication(typeof(UsersModule).Assembly);
        services.AddModuleDbContext<UsersDbContext>(configuration, Name, Schema);
        services.Configure<UsersOptions>(configuration.GetSection("Users"));
        services.AddSingleton<RoleAssigner>();
        services.Configure<QuotaOptions>(configuration.GetSection("Quotas"));
        services.AddSingleton<LimitsResolver>();
        services.AddSingleton<TokenIssuer>();
        services.Configure<ThrottlingOptions>(configuration.GetSection("RateLimits"));
        services.AddScoped<LoginThrottle>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/api/v1/auth").WithTags("Auth");
        RegisterEndpoint.Map(auth);
        IssueTokenEndpoint.Map(auth);

        var me = endpoints.MapGroup("/api/v1/users/me").WithTags("Users").RequireAuthorization()
            .RequireScope(ApiScopes.Account);
        GetCurrentUserEndpoint.Map(me);
        DeleteCurrentUserEndpoint.Map(me);
        CreateApiKeyEndpoint.Map(me);
        ListApiKeysEndpoint.Map(me);
        RevokeApiKeyEndpoint.Map(me);

        var admin = endpoints.MapGroup("/api/v1/admin/users").WithTags("Admin")
            .RequireAuthorization(Roles.AdminPolicy).RequireScope(ApiScopes.Admin);
        ListUsersEndpoint.Map(admin);
        SetUserLimitsEndpoint.Map(admin);
    }

    public Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ModuleDatabase.MigrateAsync<UsersDbContext>(services, cancellationToken);
}
