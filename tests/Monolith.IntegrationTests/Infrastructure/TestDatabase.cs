using Npgsql;

namespace Monolith.IntegrationTests.Infrastructure;

/// <summary>
/// A throw-away database (<c>monolith_test_&lt;random&gt;</c>) on the server named by
/// <c>ConnectionStrings__Postgres</c> (or the local default), dropped again on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Database=monolith;Username=monolith;Password=monolith";

    private readonly string _baseConnectionString;

    private TestDatabase(string baseConnectionString, string name)
    {
        _baseConnectionString = baseConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(baseConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static string BaseConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") is { Length: > 0 } configured
            ? configured
            : DefaultConnectionString;

    /// <summary>A new database on the server of <paramref name="serverConnectionString"/> (default: <see cref="BaseConnectionString"/>).</summary>
    public static async Task<TestDatabase> CreateAsync(string? serverConnectionString = null)
    {
        var database = new TestDatabase(serverConnectionString ?? BaseConnectionString, $"monolith_test_{Guid.NewGuid():N}");
        // template1 carries the vector extension, so the new database has it too.
        await database.ExecuteOnServerAsync($"CREATE DATABASE \"{database.Name}\" TEMPLATE template1");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        // FORCE gives the sessions it terminates 5 s to go; one still finishing a statement of a host that is
        // shutting down can outlast that (55006), so the drop is tried again before it counts as a failure. FORCE also
        // refuses (42501) when an autovacuum worker is in the database: it belongs to no role of ours. Then our own
        // sessions are ended by hand and a plain DROP, which makes autovacuum let go by itself, is tried instead.
        var force = true;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (!force)
                {
                    await ExecuteOnServerAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Name}' AND usename = current_user AND pid <> pg_backend_pid()");
                }

                await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\"{(force ? " WITH (FORCE)" : "")}");
                return;
            }
            catch (PostgresException failure) when (failure.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 5)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            catch (PostgresException failure) when (failure.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 5)
            {
                force = false;
            }
        }
    }

    /// <summary>Runs a scalar query in the test database (for assertions on what the API cannot show).</summary>
    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        // The database named in the base connection string is only used to reach the server.
        await using var connection = new NpgsqlConnection(_baseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
