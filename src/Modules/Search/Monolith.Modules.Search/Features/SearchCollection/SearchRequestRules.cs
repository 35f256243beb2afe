using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Options;
using Monolith.Modules.Search.Retrieval;

namespace Monolith.Modules.Search.Features.SearchCollection;

/// <summary>The rules of a search, shared by the HTTP API and the contract other modules use.</summary>
internal static class SearchRequestRules
{
    public static readonly string[] Modes = ["vector", "keyword", "hybrid"];
    public static readonly string[] FusionMethods = ["rrf", "convex"];

    public static void Apply<T>(AbstractValidator<T> validator, Func<T, SearchRequest> request, IOptions<SearchOptions> options)
    {
        var limits = options.Value.Limits;
        validator.RuleFor(r => request(r).Query).NotEmpty().MaximumLength(limits.MaxQueryCharacters).OverridePropertyName("query");
        validator.RuleFor(r => request(r).Mode).Must(mode => mode is null || Modes.Contains(mode))
            .WithMessage("mode must be vector, keyword or hybrid.").OverridePropertyName("mode");
        validator.RuleFor(r => request(r).TopK).InclusiveBetween(1, limits.MaxTopK)
            .When(r => request(r).TopK is not null).OverridePropertyName("topK");
        validator.RuleFor(r => request(r).MinScore).GreaterThanOrEqualTo(-1)
            .When(r => request(r).MinScore is not null).OverridePropertyName("minScore");
        validator.RuleFor(r => request(r).Fusion).Must(fusion => fusion is null || FusionMethods.Contains(fusion))
            .WithMessage("fusion must be rrf or convex.").OverridePropertyName("fusion");
        validator.RuleFor(r => request(r).Weights)
            .Must(w => w!.Vector >= 0 && w.Keyword >= 0 && w.Vector + w.Keyword > 0 && double.IsFinite(w.Vector + w.Keyword))
            .WithMessage("weights.vector and weights.keyword must be finite, at least 0, and not both 0.")
            .When(r => request(r).Weights is not null).OverridePropertyName("weights");
        validator.RuleFor(r => request(r).Candidates).InclusiveBetween(1, limits.MaxCandidates)
            .When(r => request(r).Candidates is not null).OverridePropertyName("candidates");
        validator.RuleFor(r => request(r).Filter)
            .Must(filter => filter!.Count <= limits.MaxMetadataKeys)
            .WithMessage($"filter holds at most {limits.MaxMetadataKeys} keys.")
            .When(r => request(r).Filter is not null).OverridePropertyName("filter");
        validator.RuleFor(r => request(r).Filter)
            .Custom((filter, context) =>
            {
                foreach (var (key, condition) in filter!)
                {
                    if (FilterProblem(key, condition, limits) is { } problem)
                    {
                        context.AddFailure(new ValidationFailure($"filter.{key}", problem)); // named by its key, not by a position
                    }
                }
            })
            .When(r => request(r).Filter is not null);
    }

    private static string? FilterProblem(string key, MetadataCondition? condition, SearchLimits limits) =>
        key.Length is 0 || key.Length > limits.MaxMetadataKeyLength ? $"A filter key has 1-{limits.MaxMetadataKeyLength} characters."
        : condition is null ? "The condition may not be null."
        : condition.Problem is { } shape ? $"The condition {shape}."
        : condition.In is { Count: 0 } ? "in needs at least one value."
        : condition.In is { } values && values.Count > limits.MaxMetadataKeys ? $"in holds at most {limits.MaxMetadataKeys} values."
        : condition.Values.Any(value => value is null || value.Length > limits.MaxMetadataValueLength) ? $"Values are strings of at most {limits.MaxMetadataValueLength} characters."
        : null;
}
