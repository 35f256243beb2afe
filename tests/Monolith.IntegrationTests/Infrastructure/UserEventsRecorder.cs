using System.Collections.Concurrent;
using Monolith.Modules.Users.Contracts;
using Wolverine;

namespace Monolith.IntegrationTests.Infrastructure;

/// <summary>
/// A subscriber of the Users module's integration events, as another module would be one.
/// Registered only in hosts started with <see cref="TestHostOptions.RecordUserEvents"/>.
/// </summary>
public sealed class UserEventsRecorder : IWolverineHandler
{
    private static readonly ConcurrentDictionary<Guid, UserRegistered> Registered = new();
    private static readonly ConcurrentDictionary<Guid, UserDeleted> Deleted = new();
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static void Handle(UserRegistered message) => Registered[message.UserId] = message;

    public static void Handle(UserDeleted message) => Deleted[message.UserId] = message;

    /// <summary>The event for this user once it arrived, or null after the timeout (15 s by default).</summary>
    public static Task<UserRegistered?> WaitForRegisteredAsync(Guid userId, TimeSpan? timeout = null) =>
        WaitAsync(Registered, userId, timeout ?? DefaultTimeout);

    /// <summary>The event for this user once it arrived, or null after the timeout (15 s by default).</summary>
    public static Task<UserDeleted?> WaitForDeletedAsync(Guid userId, TimeSpan? timeout = null) =>
        WaitAsync(Deleted, userId, timeout ?? DefaultTimeout);

    private static async Task<T?> WaitAsync<T>(ConcurrentDictionary<Guid, T> received, Guid userId, TimeSpan timeout)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (received.TryGetValue(userId, out var message))
            {
                return message;
            }

            await Task.Delay(50);
        }

        return null;
    }
}
