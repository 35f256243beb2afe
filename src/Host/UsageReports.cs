using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using Monolith.BuildingBlocks.Modules;
using Monolith.BuildingBlocks.Security;
using Monolith.BuildingBlocks.Usage;

namespace Monolith.Host;

/// <summary>
/// <c>GET /api/v1/users/me/usage</c> and <c>GET /api/v1/admin/usage</c> span the two modules that call models
/// (Embeddings, Chat: each keeps its own usage), so the host composes them from their contracts (<see cref="ModelUsage"/>),
/// as it does <c>/v1/models</c>. A period is [from, to), at most a year, by default the last 30 days.
/// </summary>
internal static class UsageReports
{
    private static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(30);
    private static readonly TimeSpan LongestPeriod = TimeSpan.FromDays(366);

    /// <summary>The usage sums the reports and the API key list read, over the modules that answer this process's contracts.</summary>
    public static IServiceCollection AddUsageReports(this IServiceCollection services, IEnumerable<IModule> answeringModules)
    {
        services.AddSingleton(new ModelUsage.AnsweringModules(answeringModules.Select(m => m.Name).ToHashSet(StringComparer.OrdinalIgnoreCase)));
        services.AddScoped<ModelUsage>();
        services.AddScoped<IUsageTotals>(provider => provider.GetRequiredService<ModelUsage>());
        return services;
    }

    public static void MapUsageReports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/users/me/usage", (string? from, string? to, string? groupBy, ICurrentUser caller, ModelUsage usage, TimeProvider clock,
                CancellationToken cancellationToken) =>
                ReportAsync(usage, caller.Id, Period(from, to, clock), Grouping(groupBy, allowUser: false), cancellationToken))
            .WithName("GetMyUsage")
            .WithSummary("Your embedding and chat usage (API and internal: ingestion, retrieval) per day, model, API key or source")
            .WithTags("Users")
            .RequireAuthorization()
            .RequireScope(ApiScopes.Account) // the caller's own account, as the rest of /api/v1/users/me
            .Produces<UsageReport>()
            .Produces(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status401Unauthorized);

        endpoints.MapGet("/api/v1/admin/usage", (string? from, string? to, string? groupBy, Guid? userId, ModelUsage usage, TimeProvider clock,
                CancellationToken cancellationToken) =>
                ReportAsync(usage, userId, Period(from, to, clock), Grouping(groupBy, allowUser: true), cancellationToken))
            .WithName("GetUsage")
            .WithSummary("Every user's usage (or one user's: userId) per day, model, API key, source or user")
            .WithTags("Admin")
            .RequireAuthorization(Roles.AdminPolicy)
            .RequireScope(ApiScopes.Admin)
            .Produces<UsageReport>()
            .Produces(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces(StatusCodes.Status403Forbidden);
    }

    private static async Task<UsageReport> ReportAsync(
        ModelUsage usage, Guid? userId, (DateTimeOffset From, DateTimeOffset To) period, string groupBy, CancellationToken cancellationToken)
    {
        var items = await usage.SumAsync(userId, period.From, period.To, groupBy, cancellationToken);
        var total = new UsageTotal(items.Sum(i => i.Requests), items.Sum(i => i.InputTokens), items.Sum(i => i.OutputTokens), items.Sum(i => i.TotalTokens));
        return new UsageReport(period.From, period.To, groupBy, items.OrderBy(i => i.Group, StringComparer.Ordinal).ThenBy(i => i.Kind, StringComparer.Ordinal).ToList(), total);
    }

    private static (DateTimeOffset From, DateTimeOffset To) Period(string? from, string? to, TimeProvider clock)
    {
        var end = to is null ? clock.GetUtcNow() : Instant(to, "to");
        var start = from is null ? end - DefaultPeriod : Instant(from, "from");
        return start >= end ? throw Invalid("from", "must be before 'to'.")
            : end - start > LongestPeriod ? throw Invalid("to", "a period is at most 366 days.")
            : (start, end);
    }

    // ISO 8601: a date ("2026-12-01") is its midnight UTC; a time without an offset is UTC.
    private static DateTimeOffset Instant(string value, string field) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : throw Invalid(field, "must be an ISO 8601 date or date-time, e.g. 2026-12-01 or 2026-12-01T12:00:00Z.");

    private static string Grouping(string? groupBy, bool allowUser)
    {
        var allowed = UsageLedger.Groupings.Where(g => allowUser || g != "user").ToList();
        var grouping = groupBy ?? "day";
        return allowed.Contains(grouping) ? grouping : throw Invalid("groupBy", $"must be one of: {string.Join(", ", allowed)}.");
    }

    private static ValidationException Invalid(string field, string reason) => new([new ValidationFailure(field, $"'{field}' {reason}")]);

    /// <summary>Usage per group and kind of call (embeddings, chat), and the total.</summary>
    internal sealed record UsageReport(DateTimeOffset From, DateTimeOffset To, string GroupBy, IReadOnlyList<UsageItem> Items, UsageTotal Total);

    /// <summary>One group (a day, a model, an API key id or "" for calls without a key, a source: api, ingestion or retrieval, a user id) of one kind.</summary>
    internal sealed record UsageItem(string Kind, string Group, long Requests, long InputTokens, long OutputTokens, long TotalTokens);

    internal sealed record UsageTotal(long Requests, long InputTokens, long OutputTokens, long TotalTokens);
}
