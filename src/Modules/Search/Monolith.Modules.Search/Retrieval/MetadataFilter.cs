using System.Text;
using System.Text.Json;

namespace Monolith.Modules.Search.Retrieval;

/// <summary>
/// A search filter as one SQL/JSON path predicate over a chunk's metadata (<c>metadata @@ @filter::jsonpath</c>):
/// conditions on different keys are AND-ed, <c>in</c> is an OR of equalities, <c>not</c> a negated equality (a chunk
/// without the key passes). Equalities are what the GIN <c>jsonb_path_ops</c> index serves. Keys and values are
/// written as JSON strings, which are valid jsonpath string literals, so no user text becomes path syntax.
/// </summary>
internal static class MetadataFilter
{
    public static string? ToJsonPath(IReadOnlyDictionary<string, MetadataCondition>? filter)
    {
        if (filter is not { Count: > 0 })
        {
            return null;
        }

        var path = new StringBuilder();
        foreach (var (key, condition) in filter.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            path.Append(path.Length == 0 ? "" : " && ").Append(condition switch
            {
                { EqualTo: { } value } => Equal(key, value),
                { In: { } values } => "(" + string.Join(" || ", values.Select(value => Equal(key, value))) + ")",
                { Not: { } value } => "!(" + Equal(key, value) + ")",
                _ => throw new ArgumentException($"filter.{key} holds no condition"),
            });
        }

        return path.ToString();
    }

    private static string Equal(string key, string value) => $"$.{JsonSerializer.Serialize(key)} == {JsonSerializer.Serialize(value)}";
}
