using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Users.Data;

namespace Monolith.Modules.Users.Throttling;

/// <summary>
/// Counts what matters (ADR 43): failed logins per account and per client address, and registrations per address, in
/// PostgreSQL so that every process and replica counts together. A limit reached refuses the logins of that account
/// (known or not: the answer is the same) or address for the lockout, with 429 and Retry-After. Successful logins are
/// not counted and clear the account's failures; malformed requests never get here (their validation comes first).
/// </summary>
internal sealed class LoginThrottle(UsersDbContext db, IOptionsMonitor<ThrottlingOptions> options, TimeProvider clock)
{
    private sealed record CounterState(int Count, DateTimeOffset WindowStartedAt);

    public static string AccountKey(string normalizedEmail) =>
        "account:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail)));

    public static string AddressKey(string address) => "address:" + address;

    /// <summary>Throws a 429 while the account or the address is locked out.</summary>
    public async Task EnsureLoginAllowedAsync(string accountKey, string addressKey, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var blockedUntil = await db.ThrottleCounters.AsNoTracking()
            .Where(c => (c.Key == accountKey || c.Key == addressKey) && c.BlockedUntil > now)
            .MaxAsync(c => c.BlockedUntil, cancellationToken);
        if (blockedUntil is { } until)
        {
            throw ProblemException.TooManyRequests("Too many failed logins for this account or from this address; try again later.", until - now);
        }
    }

    public async Task RecordFailureAsync(string accountKey, string addressKey, CancellationToken cancellationToken)
    {
        var limits = options.CurrentValue.Login;
        var window = TimeSpan.FromSeconds(limits.WindowSeconds);
        await CountAsync(accountKey, window, limits.AccountFailures, TimeSpan.FromSeconds(limits.LockoutSeconds), cancellationToken);
        await CountAsync(addressKey, window, limits.AddressFailures, TimeSpan.FromSeconds(limits.LockoutSeconds), cancellationToken);
        await SweepAsync(cancellationToken);
    }

    /// <summary>A successful login: the account starts again from no failures (its address keeps its count).</summary>
    public Task ForgetAccountAsync(string accountKey, CancellationToken cancellationToken) =>
        db.ThrottleCounters.Where(c => c.Key == accountKey).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Counts a registration from the address; throws a 429 once the window's registrations are used up.</summary>
    public async Task CountRegistrationAsync(string address, CancellationToken cancellationToken)
    {
        var limits = options.CurrentValue.Registration;
        var window = TimeSpan.FromSeconds(limits.WindowSeconds);
        var state = await CountAsync("register:" + address, window, limit: null, lockout: TimeSpan.Zero, cancellationToken);
        await SweepAsync(cancellationToken);
        if (state.Count > limits.PermitLimit)
        {
            throw ProblemException.TooManyRequests("Too many registrations from this address; try again later.",
                state.WindowStartedAt + window - clock.GetUtcNow());
        }
    }

    // One statement, so concurrent requests in any process count exactly: a window starts with its first event;
    // reaching the limit locks the key out and starts the count again.
    private async Task<CounterState> CountAsync(string key, TimeSpan window, int? limit, TimeSpan lockout, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var windowStart = now - window;
        var state = (await db.Database.SqlQuery<CounterState>($"""
            INSERT INTO users.throttle_counters AS t (key, count, window_started_at) VALUES ({key}, 1, {now})
            ON CONFLICT (key) DO UPDATE SET
                count = CASE WHEN t.window_started_at > {windowStart} THEN t.count + 1 ELSE 1 END,
                window_started_at = CASE WHEN t.window_started_at > {windowStart} THEN t.window_started_at ELSE {now} END
            RETURNING t.count AS "Count", t.window_started_at AS "WindowStartedAt"
            """).ToListAsync(cancellationToken)).Single();
        if (limit is { } reached && state.Count >= reached)
        {
            var until = now + lockout;
            await db.ThrottleCounters.Where(c => c.Key == key).ExecuteUpdateAsync(set => set
                .SetProperty(c => c.BlockedUntil, until).SetProperty(c => c.Count, 0).SetProperty(c => c.WindowStartedAt, now), cancellationToken);
        }

        return state;
    }

    // Counters whose window and lockout are over say nothing any more; without this, a spray of made-up emails would
    // leave one row each behind.
    private Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        var now = clock.GetUtcNow();
        var stale = now - TimeSpan.FromSeconds(Math.Max(current.Login.WindowSeconds, current.Registration.WindowSeconds));
        return db.ThrottleCounters.Where(c => c.WindowStartedAt < stale && (c.BlockedUntil == null || c.BlockedUntil < now))
            .ExecuteDeleteAsync(cancellationToken);
    }
}
