using Microsoft.AspNetCore.Http;

namespace Monolith.BuildingBlocks.Quotas;

/// <summary>The <see cref="ITokenBudget"/> of the current HTTP request's <see cref="RequestQuota"/>; none outside a request.</summary>
internal sealed class HttpTokenBudget(IHttpContextAccessor accessor, QuotaCounters counters) : ITokenBudget
{
    private RequestQuota? Quota => accessor.HttpContext?.Features.Get<RequestQuota>();

    public long? Remaining => Quota?.Tokens?.Remaining;

    public void EnsureAvailable(long tokens)
    {
        if (Quota?.Tokens is { } tightest && tokens > tightest.Remaining)
        {
            throw QuotaProblems.For(tightest, counters.Clock, needed: tokens);
        }
    }

    public Task SpendAsync(long tokens, CancellationToken cancellationToken) =>
        Quota?.SpendAsync(tokens, cancellationToken) ?? Task.CompletedTask;
}
