using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine.EntityFrameworkCore;

namespace Monolith.BuildingBlocks.Data;

public static class ModuleDatabase
{
    /// <summary>
    /// The connection string of a module: <c>ConnectionStrings:&lt;Module&gt;</c> if set (a module
    /// moved to its own database), else the shared <c>ConnectionStrings:Postgres</c>.
    /// </summary>
    public static string ConnectionStringFor(IConfiguration configuration, string moduleName) =>
        configuration.GetConnectionString(moduleName)
        ?? configuration.GetConnectionString("Postgres")
        ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured.");

    /// <summary>
    /// Registers a module's DbContext on its own schema, with its own migrations history table in
    /// that schema, enlisted in Wolverine's outbox so integration events commit with the data.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(
        this IServiceCollection services, IConfiguration configuration, string moduleName, string schema)
        where TContext : DbContext
    {
        var connectionString = ConnectionStringFor(configuration, moduleName);
        services.AddDbContextWithWolverineIntegration<TContext>(options => options.UseNpgsql(connectionString, npgsql =>
        {
            npgsql.MigrationsHistoryTable("__ef_migrations_history", schema);
            npgsql.UseVector();
            // Index builds (HNSW) outlive Npgsql's default 30 s.
            npgsql.CommandTimeout(300);
        }));

        // Reads on the request path lease a context from a pool instead (ADR 61): building a context, with its
        // internal service scope, cost 12 % of an authenticated request's CPU. Writes keep the scoped context above,
        // the one Wolverine's outbox enlists; a pooled context never takes part in a message's transaction.
        services.AddSingleton<IDbContextFactory<TContext>>(provider =>
            new PooledDbContextFactory<TContext>(provider.GetRequiredService<DbContextOptions<TContext>>()));

        services.AddHealthChecks().AddCheck<MigrationsAppliedCheck<TContext>>(
            $"{moduleName.ToLowerInvariant()}-database", HealthStatus.Unhealthy, ["ready"]);
        return services;
    }

    /// <summary>
    /// Brings the module's schema to its latest migration. Replicas starting together migrate one at a time: each
    /// holds a PostgreSQL advisory lock named after the context while it migrates (EF's own checks let two processes
    /// both apply the first migration, and the second crashed on "relation already exists").
    /// </summary>
    public static async Task MigrateAsync<TContext>(IServiceProvider services, CancellationToken cancellationToken)
        where TContext : DbContext
    {
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        var lockName = "migrations:" + typeof(TContext).FullName;
        await context.Database.OpenConnectionAsync(cancellationToken);
        await context.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock(hashtext({lockName}))", cancellationToken);
        try
        {
            // EF reads the history table before creating it and logs the expected "relation does not exist" as a
            // failure: a first start's log would look broken. Creating it first (idempotent) leaves nothing to fail.
            await context.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            await context.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            // Explicitly: a pooled connection's session, and its locks, outlive the close.
            await context.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock(hashtext({lockName}))", CancellationToken.None);
            await context.Database.CloseConnectionAsync();
        }
    }
}
