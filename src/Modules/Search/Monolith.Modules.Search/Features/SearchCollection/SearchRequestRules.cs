using FluentValidation;
using Microsoft.Extensions.Options;

namespace Monolith.Modules.Search.Features.SearchCollection;

/// <summary>The rules of a search, shared by the HTTP API and the contract other modules use.</summary>
internal static class SearchRequestRules
{
    public static readonly string[] Modes = ["vector", "keyword", "hybrid"];

    public static void Apply<T>(AbstractValidator<T> validator, Func<T, SearchRequest> request, IOptions<SearchOptions> options)
    {
        var limits = options.Value.Limits;
        validator.RuleFor(r => request(r).Query).NotEmpty().MaximumLength(limits.MaxQueryCharacters).OverridePropertyName("query");
        validator.RuleFor(r => request(r).Mode).Must(mode => mode is null || Modes.Contains(mode))
            .WithMessage("mode must be vector, keyword or hybrid.").OverridePropertyName("mode");
        validator.RuleFor(r => request(r).TopK).InclusiveBetween(1, limits.MaxTopK)
            .When(r => request(r).TopK is not null).OverridePropertyName("topK");
        validator.RuleFor(r => request(r).MinScore).InclusiveBetween(-1, 1)
            .When(r => request(r).MinScore is not null).OverridePropertyName("minScore");
        validator.RuleFor(r => request(r).Filter)
            .Must(filter => filter!.Count <= limits.MaxMetadataKeys && filter.All(pair =>
                pair.Key.Length is > 0 && pair.Key.Length <= limits.MaxMetadataKeyLength && pair.Value is not null && pair.Value.Length <= limits.MaxMetadataValueLength))
            .WithMessage($"filter holds at most {limits.MaxMetadataKeys} keys of 1-{limits.MaxMetadataKeyLength} characters with string values.")
            .When(r => request(r).Filter is not null).OverridePropertyName("filter");
    }
}
