using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Monolith.Modules.Users.Contracts;

namespace Monolith.Host;

/// <summary>
/// Who an API key or a token's subject is, remembered for <c>Auth:CallerCache:Seconds</c> (default 10) by a process
/// that does not run Users, so most requests cost no broker round trip to Users; at most
/// <c>Auth:CallerCache:Entries</c> callers (default 10,000). <see cref="CredentialsRevoked"/>, which reaches every
/// process, empties it at once; an answer still in flight then is not kept. Only granted identities are kept.
/// Public only because Wolverine's generated code for <see cref="CredentialsRevokedHandler"/> takes it.
/// </summary>
public sealed class CallerCache : IDisposable
{
    private readonly MemoryCache? _entries;
    private readonly TimeSpan _lifetime;
    private readonly Lock _gate = new();
    private long _generation;

    internal CallerCache(TimeSpan lifetime, int entries)
    {
        _lifetime = lifetime;
        _entries = lifetime > TimeSpan.Zero ? new MemoryCache(new MemoryCacheOptions { SizeLimit = entries }) : null;
    }

    /// <summary>A cache that keeps nothing: the process runs Users, or no broadcast could reach it.</summary>
    internal static CallerCache Off { get; } = new(TimeSpan.Zero, 0);

    internal static string ApiKey(string key) => "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    internal static string Subject(Guid userId) => "sub:" + userId.ToString("N");

    internal async Task<CallerIdentity> GetOrCheckAsync(string key, Func<Task<CallerIdentity>> check)
    {
        if (_entries is null)
        {
            return await check();
        }

        if (_entries.TryGetValue(key, out CallerIdentity? cached) && cached is not null)
        {
            return cached;
        }

        var generation = Interlocked.Read(ref _generation);
        var caller = await check();
        lock (_gate)
        {
            if (caller.Authenticated && generation == _generation)
            {
                _entries.Set(key, caller, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _lifetime });
            }
        }

        return caller;
    }

    internal void Clear()
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _generation);
            _entries?.Clear();
        }
    }

    public void Dispose() => _entries?.Dispose();
}
