using JasperFx;
using Monolith.BuildingBlocks.Messaging;
using Monolith.BuildingBlocks.Modules;
using Monolith.BuildingBlocks.Quotas;
using Monolith.BuildingBlocks.Web;
using Monolith.Host;
using Monolith.Modules.Chat;
using Monolith.Modules.Embeddings;
using Monolith.Modules.Search;
using Monolith.Modules.Users;
using Monolith.Modules.Users.Contracts;
using Scalar.AspNetCore;
using Wolverine;

// The container's HEALTHCHECK: probe a running host's /health/ready and exit, building nothing.
if (args is ["--health", ..])
{
    return await HealthProbe.RunAsync(Environment.GetEnvironmentVariable("ASPNETCORE_URLS"));
}

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
var trustsProxies = builder.Services.AddPlatformForwardedHeaders(builder.Configuration);
var messaging = builder.Configuration.GetSection("Messaging").Get<MessagingSettings>() ?? new MessagingSettings();

// Callers are cached in every process while no revocation happens (ADR 53); where Users runs in another process, its
// CredentialsRevoked broadcasts also empty the cache.
var hearsRevocations = !modules.Any(module => module is UsersModule) && !string.IsNullOrWhiteSpace(messaging.RabbitMq);
builder.Services.AddPlatformAuthentication(builder.Configuration);
builder.Services.AddPlatformRateLimiting(builder.Configuration);
builder.Services.AddPlatformQuotas(builder.Configuration);
builder.Services.AddPlatformOpenApi();
builder.Services.AddPlatformTelemetry(builder.Configuration);
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.AllowTrailingCommas = false);
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddPlatformHealth();

foreach (var module in modules)
{
    module.Register(builder.Services, builder.Configuration);
}

var gateway = builder.Services.AddPlatformGateway(builder.Configuration, knownModules, modules);

// With a broker every module answers its contracts wherever it runs; without one only this process's do.
var answeringModules = string.IsNullOrWhiteSpace(messaging.RabbitMq) ? modules : knownModules;
builder.Services.AddUsageReports(answeringModules);

var broadcasts = new ProcessBroadcasts([typeof(CredentialsRevoked)], hearsRevocations ? [typeof(CredentialsRevokedHandler)] : []);
builder.Host.UseWolverine(options =>
    ModularWolverine.Configure(options, builder.Configuration.GetConnectionString("Postgres")
        ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured."), knownModules, modules, messaging, broadcasts));

// Dynamic compiles Wolverine's handler code with Roslyn on first use; the container image runs Static,
// loading the code "codegen write" generated into this assembly when the image was built (ADR 12).
var typeLoadMode = WolverineCodeGeneration.Mode(builder.Configuration, modules.Count, knownModules.Count);
builder.Services.ConfigureWolverine(options => options.CodeGeneration.TypeLoadMode = typeLoadMode);

var app = builder.Build();

// "codegen write" (the image build) writes Wolverine's generated code into Internal/Generated; it needs no database.
if (args is ["codegen", ..])
{
    return await app.RunJasperFxCommands(args);
}

// Each module migrates its own schema; "--migrate-only" does just that and exits (for deploy pipelines).
if (args.Contains("--migrate-only") || app.Configuration.GetValue("Database:MigrateOnStartup", true))
{
    await ModuleMigrations.ApplyAsync(app.Services, modules, app.Logger, CancellationToken.None);
    await app.Services.GetRequiredService<QuotaCounters>().EnsureCreatedAsync(CancellationToken.None);
}

if (args.Contains("--migrate-only"))
{
    return 0;
}

if (trustsProxies)
{
    app.UseForwardedHeaders(); // first: everything after it sees the client's address
}

app.UseShutdownDrain();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseAuthentication();
app.UseRateLimiter();
app.UseQuotas();
app.UseAuthorization();
app.UseApiKeyScopes();

app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference().AllowAnonymous();
app.MapPlatformHealth();

foreach (var module in modules)
{
    module.MapEndpoints(app);
}

app.MapOpenAiModels(answeringModules);
app.MapUsageReports();
if (gateway)
{
    app.MapPlatformGateway();
}

app.Logger.LogInformation("Modules running in this process: {Modules} (Wolverine code: {TypeLoadMode})",
    string.Join(", ", modules.Select(m => m.Name)), typeLoadMode);
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
