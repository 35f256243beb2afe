using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Monolith.Modules.Users.Contracts;

namespace Monolith.Host;

/// <summary>
/// Who an API key or a token's subject is, remembered for <c>Auth:CallerCache:Seconds</c> (default 10), for at most
/// <c>Auth:CallerCache:Entries</c> callers (default 10,000), each with the <see cref="Monolith.BuildingBlocks.Security.RevocationEpoch"/>
/// read before Users was asked: <see cref="CallerCheck"/> serves an entry only while the epoch is unchanged. Only
/// granted identities are kept. <see cref="CredentialsRevoked"/> broadcasts (where Users runs elsewhere) empty it
/// too; an answer still in flight then is not kept. Public only because Wolverine's generated code for
/// <see cref="CredentialsRevokedHandler"/> takes it.
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

    internal bool Enabled => _entries is not null;

    /// <summary>Changes whenever the cache is emptied: an answer asked for before then is not kept.</summary>
    internal long Generation => Interlocked.Read(ref _generation);

    internal static string ApiKey(string key) => "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    internal static string Subject(Guid userId) => "sub:" + userId.ToString("N");

    internal bool TryGet(string key, [NotNullWhen(true)] out CachedCaller? cached)
    {
        cached = null;
        return _entries?.TryGetValue(key, out cached) == true && cached is not null;
    }

    internal void Add(string key, CallerIdentity caller, Guid epoch, long generation)
    {
        lock (_gate)
        {
            if (_entries is not null && caller.Authenticated && generation == _generation)
            {
                _entries.Set(key, new CachedCaller(caller, epoch), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _lifetime });
            }
        }
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

/// <summary>A caller as Users answered, and the revocation epoch read just before it was asked.</summary>
internal sealed record CachedCaller(CallerIdentity Identity, Guid Epoch);
