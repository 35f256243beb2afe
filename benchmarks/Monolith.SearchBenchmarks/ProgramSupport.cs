using Npgsql;

namespace Monolith.SearchBenchmarks;

/// <summary>What the benchmark programs share: finding the repository and running set-up SQL.</summary>
internal static class ProgramSupport
{
    public static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Monolith.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Monolith.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs one statement without a time limit (index builds and drops can take minutes).</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
