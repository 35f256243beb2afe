using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Monolith.BuildingBlocks.Data;
using Npgsql;
using NpgsqlTypes;

namespace Monolith.BuildingBlocks.Usage;

/// <summary>
/// The usage table every model-calling module keeps in its own schema (the <see cref="UserErasure"/> pattern: one
/// shape, one mapping, each module's own rows), how a call is recorded, and how a period is summed for the usage API.
/// </summary>
public static class UsageLedger
{
    /// <summary>How usage can be grouped; <c>user</c> only across users (admins).</summary>
    public static readonly IReadOnlyList<string> Groupings = ["day", "model", "key", "source", "user"];

    public static void MapUsage(this ModelBuilder modelBuilder) =>
        modelBuilder.Entity<UsageRecord>(usage =>
        {
            usage.ToTable("usage");
            usage.HasKey(u => u.Id);
            usage.Property(u => u.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            usage.Property(u => u.UserId).HasColumnName("user_id");
            usage.HasIndex(u => new { u.UserId, u.CreatedAt });
            usage.HasIndex(u => u.CreatedAt);
            usage.Property(u => u.ApiKeyId).HasColumnName("api_key_id");
            usage.Property(u => u.Model).HasColumnName("model").HasMaxLength(200);
            usage.Property(u => u.Source).HasColumnName("source").HasMaxLength(20);
            usage.Property(u => u.InputTokens).HasColumnName("input_tokens");
            usage.Property(u => u.OutputTokens).HasColumnName("output_tokens");
            usage.Property(u => u.CreatedAt).HasColumnName("created_at");
        });

    /// <summary>
    /// Stores one call's usage (with whatever else the context tracks) unless the module has erased the user: then
    /// nothing is stored and nothing thrown, since the call itself was already answered.
    /// </summary>
    public static async Task RecordUsageAsync(this DbContext db, UsageRecord record, CancellationToken cancellationToken)
    {
        db.Set<UsageRecord>().Add(record);
        if (!await db.TrySaveChangesUnlessErasedAsync(record.UserId, cancellationToken))
        {
            db.Entry(record).State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Stores one call's usage alone (nothing else the context tracks) in one round trip, unless the module has erased
    /// the user; answers whether it was stored. The same guarantee as <see cref="UserErasure"/>'s save, as one batch,
    /// which PostgreSQL runs as one implicit transaction: the shared erase lock, then the insert with the tombstone
    /// check. The insert is a statement of its own, so under READ COMMITTED it sees an erase that committed while the
    /// lock was awaited; the lock is held until the batch ends.
    /// </summary>
    public static async Task<bool> AppendAsync(this DbContext db, UsageRecord record, CancellationToken cancellationToken)
    {
        var schema = db.Model.GetDefaultSchema() ?? "public";
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch(connection)
            {
                Transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction,
            };
            batch.BatchCommands.Add(UserErasure.SharedLockCommand(db, record.UserId));
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
                INSERT INTO "{schema}".usage (user_id, api_key_id, model, source, input_tokens, output_tokens, created_at)
                SELECT @user, @key, @model, @source, @input, @output, @at
                WHERE NOT EXISTS (SELECT 1 FROM "{schema}".erased_users WHERE user_id = @user)
                """)
            {
                Parameters =
                {
                    new NpgsqlParameter<Guid>("user", record.UserId),
                    new NpgsqlParameter("key", NpgsqlDbType.Uuid) { Value = (object?)record.ApiKeyId ?? DBNull.Value },
                    new NpgsqlParameter<string>("model", record.Model),
                    new NpgsqlParameter<string>("source", record.Source),
                    new NpgsqlParameter<int>("input", record.InputTokens),
                    new NpgsqlParameter<int>("output", record.OutputTokens),
                    new NpgsqlParameter<DateTimeOffset>("at", record.CreatedAt.ToUniversalTime()),
                },
            });
            await batch.ExecuteNonQueryAsync(cancellationToken);
            return batch.BatchCommands[1].RecordsAffected == 1;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Sums of [from, to) per group; <paramref name="userId"/> null: every user's.</summary>
    public static async Task<IReadOnlyList<UsageSumRow>> SumAsync(
        this DbContext db, Guid? userId, DateTimeOffset from, DateTimeOffset to, string groupBy, CancellationToken cancellationToken)
    {
        var schema = db.Model.GetDefaultSchema() ?? "public";
        var group = groupBy switch
        {
            "day" => "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
            "model" => "model",
            "key" => "coalesce(api_key_id::text, '')",
            "source" => "source",
            "user" => "user_id::text",
            _ => throw new ArgumentOutOfRangeException(nameof(groupBy), groupBy, "Not a grouping."),
        };
        var sql = string.Create(CultureInfo.InvariantCulture, $$"""
            SELECT {{group}} AS "Group", count(*) AS "Requests", coalesce(sum(input_tokens), 0)::bigint AS "InputTokens",
                   coalesce(sum(output_tokens), 0)::bigint AS "OutputTokens"
            FROM "{{schema}}".usage
            WHERE created_at >= {0} AND created_at < {1} AND ({2}::uuid IS NULL OR user_id = {2})
            GROUP BY 1 ORDER BY 1
            """);
        var user = new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = (object?)userId ?? DBNull.Value };
        return await db.Database.SqlQueryRaw<UsageSumRow>(sql, from, to, user).ToListAsync(cancellationToken);
    }
}

public sealed record UsageSumRow(string Group, long Requests, long InputTokens, long OutputTokens);
