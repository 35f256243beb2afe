using Microsoft.EntityFrameworkCore;
using Monolith.Modules.Search.Data;

namespace Monolith.Modules.Search.Retrieval;

/// <summary>The text search configurations PostgreSQL ships (schema pg_catalog: simple and one per built-in language).</summary>
internal static class TextSearchConfigurations
{
    private static IReadOnlySet<string>? BuiltInNames;

    public static async Task<IReadOnlySet<string>> BuiltInAsync(SearchDbContext db, CancellationToken cancellationToken) =>
        BuiltInNames ??= (await db.Database
            .SqlQueryRaw<string>("SELECT cfgname::text AS \"Value\" FROM pg_catalog.pg_ts_config WHERE cfgnamespace = 'pg_catalog'::regnamespace ORDER BY cfgname")
            .ToListAsync(cancellationToken)).ToHashSet();
}
