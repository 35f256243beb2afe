using System.Net;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.Modules.Users.Contracts;

namespace Monolith.IntegrationTests;

/// <summary>
/// The Users events reach a subscriber in another assembly through the outbox and a durable local
/// queue, stored under their DataContract-based wire names ("monolith.users.*.v1") as JSON that
/// deserializes back into the contract.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class UserEventTests(HostFixture host)
{
    private readonly MonolithFactory _factory = host.Factory;

    [Fact]
    public async Task UserRegistered_reaches_subscribers()
    {
        using var client = _factory.CreateClient();
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        var user = await client.RegisterUserAsync();

        var received = await UserEventsRecorder.WaitForRegisteredAsync(user.Id);
        Assert.NotNull(received);
        Assert.Equal(user.Id, received.UserId);
        Assert.Equal(user.Email, received.Email);
        Assert.InRange(received.RegisteredAt, before, DateTimeOffset.UtcNow.AddSeconds(5));
        var stored = await PersistedMessages.ReadAsync<UserRegistered>(_factory.Database, "monolith.users.user-registered.v1");
        Assert.Contains(stored, message => message.UserId == user.Id && message.Email == user.Email);
    }

    [Fact]
    public async Task UserDeleted_reaches_subscribers()
    {
        var (user, client) = await _factory.NewUserClientAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        using var response = await client.DeleteAsync("/api/v1/users/me");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var received = await UserEventsRecorder.WaitForDeletedAsync(user.Id);
        Assert.NotNull(received);
        Assert.Equal(user.Id, received.UserId);
        Assert.InRange(received.DeletedAt, before, DateTimeOffset.UtcNow.AddSeconds(5));
        var stored = await PersistedMessages.ReadAsync<UserDeleted>(_factory.Database, "monolith.users.user-deleted.v1");
        Assert.Contains(stored, message => message.UserId == user.Id);
    }
}
