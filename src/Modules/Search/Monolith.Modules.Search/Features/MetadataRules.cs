using FluentValidation;

namespace Monolith.Modules.Search.Features;

internal static class MetadataRules
{
    /// <summary>The limits on a document's metadata (keys, key length, string values), for documents and files alike.</summary>
    public static IRuleBuilderOptions<T, Dictionary<string, string>?> WithinLimits<T>(this IRuleBuilder<T, Dictionary<string, string>?> rule, SearchLimits limits) =>
        rule.Must(m => m is null || m.Count <= limits.MaxMetadataKeys).WithMessage($"metadata holds at most {limits.MaxMetadataKeys} keys.")
            .Must(m => m is null || m.Keys.All(key => key.Length is > 0 && key.Length <= limits.MaxMetadataKeyLength))
            .WithMessage($"metadata keys must be 1 to {limits.MaxMetadataKeyLength} characters.")
            .Must(m => m is null || m.Values.All(value => value is not null && value.Length <= limits.MaxMetadataValueLength))
            .WithMessage($"metadata values must be strings of at most {limits.MaxMetadataValueLength} characters.");
}
