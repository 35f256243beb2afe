using System.Net;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Security;

/// <summary>
/// OWASP API8: in Production a real server failure (a table gone under the running host) is a bare 500 problem
/// with a traceId: no exception type, message, SQL or stack trace reaches the client.
/// </summary>
public sealed class ProductionErrorTests
{
    [Fact]
    public async Task A_server_failure_in_production_is_a_500_problem_without_exception_text()
    {
        await using var factory = await MonolithFactory.StartAsync(new TestHostOptions { Environment = "Production" });
        var (_, client) = await factory.NewUserClientAsync();
        await factory.Database.ScalarAsync<object>("ALTER TABLE chat.conversations RENAME TO conversations_moved_away");

        using var response = await client.GetAsync("/api/v1/conversations");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.InternalServerError, "internal-error");
        Assert.False(string.IsNullOrEmpty(problem["traceId"]?.GetValue<string>()));
        var text = problem.ToJsonString();
        foreach (var leak in new[] { "conversations", "relation", "Npgsql", "Postgres", "Exception", "SELECT", " at ", ".cs" })
        {
            Assert.DoesNotContain(leak, text.Replace("/api/v1/conversations", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        }
    }
}
