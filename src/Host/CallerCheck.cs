using Monolith.BuildingBlocks.Quotas;
using Monolith.BuildingBlocks.Security;
using Monolith.Modules.Users.Contracts;

namespace Monolith.Host;

/// <summary>
/// Who calls, for both schemes (JWT subject, API key), in every process shape (ADR 53). A caller this process asked
/// Users about in the last few seconds is served from <see cref="CallerCache"/> if no revocation has happened since:
/// the revocation epoch is read in the same statement that counts the request's quotas, so checking costs no round
/// trip of its own, and a revocation made through any process is seen by the next request everywhere. Otherwise (new
/// caller, entry expired, epoch changed) Users is asked, and the quota middleware counts as usual.
/// </summary>
internal sealed class CallerCheck(CallerCache cache, QuotaCounters counters, RevocationEpoch revocations, TimeProvider clock)
{
    public async Task<CallerIdentity> IdentifyAsync(HttpContext http, string key, Func<Task<CallerIdentity>> askUsers)
    {
        if (!cache.Enabled)
        {
            return await askUsers();
        }

        var generation = cache.Generation;
        Guid epoch;
        if (cache.TryGet(key, out var cached))
        {
            if (cached.Identity.ExpiresAt <= clock.GetUtcNow())
            {
                return cached.Identity; // refused as expired by the scheme; nothing to count
            }

            var meters = CallerMeters.ForRequest(http, cached.Identity);
            var (readings, current) = await counters.CountUnlessRevokedAsync(meters, CallerMeters.Amount, cached.Epoch, http.RequestAborted);
            if (readings is not null)
            {
                if (meters.Count > 0)
                {
                    http.Features.Set(new RequestQuota(counters, readings));
                }

                return cached.Identity;
            }

            // Something was revoked since: which caller is not known here, so every entry is asked about again.
            cache.Clear();
            generation = cache.Generation;
            epoch = current;
        }
        else
        {
            epoch = await revocations.ReadAsync(http.RequestAborted);
        }

        var caller = await askUsers();
        cache.Add(key, caller, epoch, generation);
        return caller;
    }
}
