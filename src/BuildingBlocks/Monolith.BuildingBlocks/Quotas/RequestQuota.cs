namespace Monolith.BuildingBlocks.Quotas;

/// <summary>
/// The quota of one request, kept in its <c>HttpContext.Features</c>: the meters that apply (requests; for a model
/// call also its kind's tokens) as counted when the request came in, updated when the call spends tokens.
/// </summary>
public sealed class RequestQuota(QuotaCounters counters, IReadOnlyList<MeterReading> readings)
{
    private IReadOnlyList<MeterReading> _readings = readings;

    public IReadOnlyList<MeterReading> Readings => _readings;

    /// <summary>The request meter with the least left (the one OpenAI's <c>x-ratelimit-*-requests</c> headers describe).</summary>
    public MeterReading? Requests => Binding(QuotaUnit.Requests);

    /// <summary>The token meter with the least left; null when the request's tokens are not limited.</summary>
    public MeterReading? Tokens => Binding(QuotaUnit.Tokens);

    /// <summary>A request meter over its limit, if any: the request is refused.</summary>
    public MeterReading? ExceededRequests =>
        _readings.Where(r => r.Meter.Unit == QuotaUnit.Requests && r.Exceeded).MaxBy(r => r.ResetsAt);

    /// <summary>A token meter with nothing left, if any (the day's before the minute's: it lasts longer).</summary>
    public MeterReading? ExhaustedTokens =>
        _readings.Where(r => r.Meter.Unit == QuotaUnit.Tokens && r.Remaining == 0).MaxBy(r => r.ResetsAt);

    /// <summary>Counts tokens the request spent against its token meters.</summary>
    public async Task SpendAsync(long tokens, CancellationToken cancellationToken)
    {
        var tokenMeters = _readings.Where(r => r.Meter.Unit == QuotaUnit.Tokens).Select(r => r.Meter).ToList();
        if (tokenMeters.Count == 0 || tokens <= 0)
        {
            return;
        }

        var spent = await counters.CountAsync(tokenMeters, tokens, cancellationToken);
        _readings = [.. _readings.Where(r => r.Meter.Unit != QuotaUnit.Tokens), .. spent];
    }

    private MeterReading? Binding(QuotaUnit unit) =>
        _readings.Where(r => r.Meter.Unit == unit).OrderBy(r => r.Remaining).ThenByDescending(r => r.ResetsAt).FirstOrDefault();
}
