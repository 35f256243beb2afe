using Npgsql;

namespace Monolith.BuildingBlocks.Security;

/// <summary>
/// One value in the shared database that every revocation (a key revoked, an account deleted, limits changed)
/// replaces with a new random one: a process that remembers callers keeps, with each, the value it read before
/// asking Users, and serves it from memory only while the value is unchanged, read again in the request's quota
/// statement (<c>QuotaCounters.CountUnlessRevokedAsync</c>). So a revocation reaches every process and replica at
/// once, broker or not (ADR 53). Random, not a counter: a lost row (a restored backup) can never match an old value.
/// </summary>
public sealed class RevocationEpoch(NpgsqlDataSource dataSource)
{
    /// <summary>The current value, as a scalar subquery for other statements of the shared database.</summary>
    public const string CurrentSql = "(SELECT epoch FROM quotas.revocations)";

    /// <summary>Creates the table with its one row if missing (in the platform schema the quota counters use).</summary>
    public static string CreateSql => """
        CREATE TABLE IF NOT EXISTS quotas.revocations (
            id boolean PRIMARY KEY DEFAULT true CHECK (id), epoch uuid NOT NULL);
        INSERT INTO quotas.revocations (epoch) VALUES (gen_random_uuid()) ON CONFLICT DO NOTHING;
        """;

    public async Task<Guid> ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(CurrentSql);
        return await command.ExecuteScalarAsync(cancellationToken) is Guid epoch ? epoch : Guid.Empty;
    }

    /// <summary>
    /// Called after a revocation has committed and before it is answered: from then on every cached caller is asked
    /// about again. After, not in the same transaction: the module's database may not be the shared one. Not
    /// cancellable: the revocation has committed, and a client that hung up must not leave the caches trusted.
    /// </summary>
    public async Task AdvanceAsync()
    {
        await using var command = dataSource.CreateCommand("UPDATE quotas.revocations SET epoch = gen_random_uuid()");
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
