using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Monolith.Benchmarks;

/// <summary>
/// The floor for <c>GET /api/v1/users/me</c>: a bare minimal API on Kestrel doing the same reads on the host's rows
/// (the API-key row joined with its user, as the key check reads it, then the user by primary key) and writing the
/// same JSON; no authentication middleware, mediator, bus, EF Core or rate limiter. Run as its own process
/// (<c>bare-api PORT CONNECTION</c>), as the host is, so both servers are measured the same way.
/// </summary>
internal static class BareApi
{
    public static async Task RunAsync(int port, string connection)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        await using var dataSource = NpgsqlDataSource.Create(connection);
        app.MapGet("/health", () => "ok");
        app.MapGet("/me", async (HttpContext context) =>
        {
            var key = context.Request.Headers.Authorization.ToString()["Bearer ".Length..];
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
            Guid userId;
            await using (var command = dataSource.CreateCommand(
                "SELECT k.user_id, u.normalized_email FROM users.api_keys k JOIN users.users u ON u.id = k.user_id WHERE k.hash = $1"))
            {
                command.Parameters.AddWithValue(hash);
                await using var reader = await command.ExecuteReaderAsync();
                if (!await reader.ReadAsync())
                {
                    return Results.Unauthorized();
                }

                userId = reader.GetGuid(0);
            }

            await using (var command = dataSource.CreateCommand("SELECT id, email, display_name, created_at FROM users.users WHERE id = $1"))
            {
                command.Parameters.AddWithValue(userId);
                await using var reader = await command.ExecuteReaderAsync();
                await reader.ReadAsync();
                return Results.Json(new BareUser(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), ["user"], reader.GetFieldValue<DateTimeOffset>(3)));
            }
        });
        await app.RunAsync();
    }

    internal sealed record BareUser(Guid Id, string Email, string DisplayName, string[] Roles, DateTimeOffset CreatedAt);
}
