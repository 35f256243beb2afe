using System.Net;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests;

/// <summary>
/// A host of its own without the test subscriber: as shipped, nothing handles the Users events yet,
/// and publishing one must not fail the use case.
/// </summary>
public sealed class NoSubscriberTests
{
    [Fact]
    public async Task Register_and_delete_work_when_nobody_handles_the_events()
    {
        await using var factory = await MonolithFactory.StartAsync();
        var (user, client) = await factory.NewUserClientAsync();

        using var response = await client.DeleteAsync("/api/v1/users/me");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var me = await client.GetAsync("/api/v1/users/me");
        await Problem.AssertStatusAsync(me, HttpStatusCode.Unauthorized);
        Assert.Null(await UserEventsRecorder.WaitForDeletedAsync(user.Id, TimeSpan.FromSeconds(1)));
        Assert.Equal(0L, await factory.Database.ScalarAsync<long>("SELECT count(*) FROM wolverine.wolverine_dead_letters"));
    }
}
