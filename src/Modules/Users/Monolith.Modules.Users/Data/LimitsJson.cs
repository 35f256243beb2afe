using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Monolith.Modules.Users.Contracts;

namespace Monolith.Modules.Users.Data;

/// <summary>Limits are stored as one JSON value (jsonb): read and written whole, never queried by field.</summary>
internal static class LimitsJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly ValueConverter<CallerLimits?, string?> Converter = new(
        limits => limits == null ? null : JsonSerializer.Serialize(limits, Json),
        json => json == null ? null : JsonSerializer.Deserialize<CallerLimits>(json, Json));

    // Records compare by value, so a changed limit is seen as a change.
    public static readonly ValueComparer<CallerLimits?> Comparer = new((a, b) => Equals(a, b), limits => limits == null ? 0 : limits.GetHashCode());
}
