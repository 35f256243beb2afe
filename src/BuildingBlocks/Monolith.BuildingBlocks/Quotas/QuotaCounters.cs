using Monolith.BuildingBlocks.Security;
using Npgsql;
using NpgsqlTypes;

namespace Monolith.BuildingBlocks.Quotas;

/// <summary>
/// The quota counters every process shares: one row per (subject, metric, window start) in <c>quotas.counters</c>,
/// counted up by one atomic <c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c> per call, so processes and replicas
/// never disagree and a request costs one round trip. A platform schema (as Wolverine's message store is), not a
/// module's: every process that serves requests counts, whichever modules it runs. Rows end with their window.
/// The table is UNLOGGED: a count writes no WAL, so its commit does not wait for a WAL flush (ADR 46: a crash or a
/// failover empties it, which only restarts the current windows).
/// </summary>
public sealed class QuotaCounters(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public const string Schema = "quotas";

    /// <summary>The key of a <see cref="TimeProvider"/> service the counters use instead of the default one (tests move it).</summary>
    public const string ClockKey = "quotas";

    /// <summary>What windows, Retry-After and the reset headers are measured by.</summary>
    public TimeProvider Clock => clock;

    // Positional parameters ($1…): Npgsql sends the text as it is, where named ones make it parse the statement on every
    // execution (measured: about 9 µs of CPU per request; docs/benchmarks.md, "Request cost"). The order is CountCommand's.
    private const string CountSql = """
        INSERT INTO quotas.counters AS c (subject, metric, window_start, used, expires_at)
        SELECT * FROM unnest($1, $2, $3, $4, $5)
        ON CONFLICT (subject, metric, window_start) DO UPDATE SET used = c.used + excluded.used
        RETURNING subject, metric, used
        """;

    // The same count, made only while the revocation epoch is the one a cached caller was checked under; the row
    // with no meter carries the epoch, so a changed one is seen, and nothing counted, in the same round trip.
    private static readonly string CountUnlessRevokedSql = $"""
        WITH counted AS (
            INSERT INTO quotas.counters AS c (subject, metric, window_start, used, expires_at)
            SELECT * FROM unnest($1, $2, $3, $4, $5)
            WHERE {RevocationEpoch.CurrentSql} = $6
            ON CONFLICT (subject, metric, window_start) DO UPDATE SET used = c.used + excluded.used
            RETURNING subject, metric, used)
        SELECT NULL::uuid, NULL::text, NULL::bigint, {RevocationEpoch.CurrentSql}
        UNION ALL SELECT subject, metric, used, NULL FROM counted
        """;

    /// <summary>Creates the schema and table if missing; replicas starting together take turns.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT pg_advisory_lock(hashtext('quotas:schema'));
            CREATE SCHEMA IF NOT EXISTS quotas;
            CREATE UNLOGGED TABLE IF NOT EXISTS quotas.counters (
                subject uuid NOT NULL, metric text NOT NULL, window_start timestamptz NOT NULL,
                used bigint NOT NULL, expires_at timestamptz NOT NULL,
                PRIMARY KEY (subject, metric, window_start));
            ALTER TABLE quotas.counters SET UNLOGGED; -- a table created before counters were unlogged (a no-op after)
            CREATE INDEX IF NOT EXISTS counters_expires_at ON quotas.counters (expires_at);
            """ + RevocationEpoch.CreateSql + """
            SELECT pg_advisory_unlock(hashtext('quotas:schema'));
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Adds <paramref name="amount"/> to every meter's current window (0 reads it) and answers what each has counted.</summary>
    public Task<IReadOnlyList<MeterReading>> CountAsync(IReadOnlyList<QuotaMeter> meters, long amount, CancellationToken cancellationToken) =>
        CountAsync(meters, _ => amount, cancellationToken);

    /// <summary>Adds each meter's amount to its current window (0 reads it) and answers what each has counted.</summary>
    public async Task<IReadOnlyList<MeterReading>> CountAsync(IReadOnlyList<QuotaMeter> meters, Func<QuotaMeter, long> amount, CancellationToken cancellationToken)
    {
        if (meters.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        await using var command = CountCommand(CountSql, meters, amount, now);
        var used = new Dictionary<(Guid, string), long>(meters.Count);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                used[(reader.GetGuid(0), reader.GetString(1))] = reader.GetInt64(2);
            }
        }

        return Readings(meters, used, now);
    }

    /// <summary>
    /// As <see cref="CountAsync(IReadOnlyList{QuotaMeter}, Func{QuotaMeter, long}, CancellationToken)"/> (no meters:
    /// only the check), in one round trip, if the <see cref="RevocationEpoch"/> is still <paramref name="epoch"/>;
    /// else nothing is counted, the readings are null and the current epoch is answered.
    /// </summary>
    public async Task<(IReadOnlyList<MeterReading>? Readings, Guid Epoch)> CountUnlessRevokedAsync(
        IReadOnlyList<QuotaMeter> meters, Func<QuotaMeter, long> amount, Guid epoch, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var command = CountCommand(CountUnlessRevokedSql, meters, amount, now);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = epoch });
        var current = Guid.Empty;
        var used = new Dictionary<(Guid, string), long>(meters.Count);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.IsDBNull(0))
                {
                    current = reader.IsDBNull(3) ? Guid.Empty : reader.GetGuid(3);
                }
                else
                {
                    used[(reader.GetGuid(0), reader.GetString(1))] = reader.GetInt64(2);
                }
            }
        }

        return current == epoch && epoch != Guid.Empty ? (Readings(meters, used, now), current) : (null, current);
    }

    private NpgsqlCommand CountCommand(string sql, IReadOnlyList<QuotaMeter> meters, Func<QuotaMeter, long> amount, DateTimeOffset now)
    {
        var command = dataSource.CreateCommand(sql);
        Add(meters.Select(m => m.Subject).ToArray(), NpgsqlDbType.Uuid);
        Add(meters.Select(Key).ToArray(), NpgsqlDbType.Text);
        Add(meters.Select(m => QuotaMeter.WindowStart(m.Window, now).UtcDateTime).ToArray(), NpgsqlDbType.TimestampTz);
        Add(meters.Select(amount).ToArray(), NpgsqlDbType.Bigint);
        Add(meters.Select(m => QuotaMeter.WindowEnd(m.Window, now).UtcDateTime).ToArray(), NpgsqlDbType.TimestampTz);
        return command;

        void Add(Array values, NpgsqlDbType elementType) =>
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | elementType, Value = values });
    }

    private static string Key(QuotaMeter meter) => meter.Metric + "/" + meter.Window;

    private static List<MeterReading> Readings(IReadOnlyList<QuotaMeter> meters, Dictionary<(Guid, string), long> used, DateTimeOffset now) =>
        meters.Select(m => new MeterReading(m, used[(m.Subject, Key(m))], QuotaMeter.WindowEnd(m.Window, now))).ToList();

    /// <summary>Deletes the counters of windows that have ended.</summary>
    public async Task PruneAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM quotas.counters WHERE expires_at < $1");
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow().UtcDateTime });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
