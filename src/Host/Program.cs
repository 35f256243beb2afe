using Monolith.BuildingBlocks.Messaging;
using Monolith.BuildingBlocks.Modules;
using Monolith.BuildingBlocks.Web;
using Monolith.Host;
using Monolith.Modules.Chat;
using Monolith.Modules.Embeddings;
using Monolith.Modules.Search;
using Monolith.Modules.Users;
using Scalar.AspNetCore;
using Wolverine;

var builder = WebApplication.CreateBuilder(args);

// Every module this binary can run; Modules:Enabled picks the ones this process runs.
IReadOnlyList<IModule> knownModules = [new UsersModule(), new EmbeddingsModule(), new SearchModule(), new ChatModule()];
var modules = ModuleSelection.Enabled(builder.Configuration, knownModules);

if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:8080");
}

builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long>("Limits:MaxRequestBodyBytes", 1_048_576);
    kestrel.AddServerHeader = false; // no product banner for scanners
});

builder.Services.AddPlatformWeb();
builder.Services.AddPlatformAuthentication(builder.Configuration);
builder.Services.AddPlatformRateLimiting(builder.Configuration);
builder.Services.AddPlatformOpenApi();
builder.Services.AddPlatformTelemetry(builder.Configuration);
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.AllowTrailingCommas = false);
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddHealthChecks();

foreach (var module in modules)
{
    module.Register(builder.Services, builder.Configuration);
}

var gateway = builder.Services.AddPlatformGateway(builder.Configuration, knownModules, modules);

var messaging = builder.Configuration.GetSection("Messaging").Get<MessagingSettings>() ?? new MessagingSettings();
builder.Host.UseWolverine(options =>
    ModularWolverine.Configure(options, builder.Configuration.GetConnectionString("Postgres")
        ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured."), knownModules, modules, messaging));

var app = builder.Build();

// Each module migrates its own schema; "--migrate-only" does just that and exits (for deploy pipelines).
if (args.Contains("--migrate-only") || app.Configuration.GetValue("Database:MigrateOnStartup", true))
{
    await ModuleMigrations.ApplyAsync(app.Services, modules, app.Logger, CancellationToken.None);
}

if (args.Contains("--migrate-only"))
{
    return;
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();

app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference().AllowAnonymous();
app.MapPlatformHealth();

foreach (var module in modules)
{
    module.MapEndpoints(app);
}

// With a broker every module answers its contracts wherever it runs; without one only this process's do.
app.MapOpenAiModels(string.IsNullOrWhiteSpace(messaging.RabbitMq) ? modules : knownModules);
if (gateway)
{
    app.MapPlatformGateway();
}

app.Logger.LogInformation("Modules running in this process: {Modules}", string.Join(", ", modules.Select(m => m.Name)));
await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
