using FluentValidation;
using Microsoft.Extensions.Options;
using Monolith.Modules.Search.Features.SearchCollection;

namespace Monolith.Modules.Search.Features.CreateEvaluation;

/// <summary>Property names as in the JSON body (queries[2].judgments[0].relevance).</summary>
internal sealed class CreateEvaluationValidator : AbstractValidator<CreateEvaluation>
{
    public const int MaxRelevance = 100;

    public CreateEvaluationValidator(IOptions<SearchOptions> options)
    {
        var limits = options.Value.Limits;
        RuleFor(c => c.Request.Name).MaximumLength(200).OverridePropertyName("name");
        RuleFor(c => c.Request.Modes)
            .Must(modes => modes!.Count > 0 && modes.All(mode => SearchRequestRules.Modes.Contains(mode)) && modes.Distinct().Count() == modes.Count)
            .WithMessage("modes holds vector, keyword and/or hybrid, each at most once.")
            .When(c => c.Request.Modes is not null).OverridePropertyName("modes");
        RuleFor(c => c.Request.Queries).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("queries must hold at least one query.")
            .Must(queries => queries!.Count <= limits.MaxEvaluationQueries).WithMessage($"An evaluation holds at most {limits.MaxEvaluationQueries} queries.")
            .OverridePropertyName("queries");
        RuleForEach(c => c.Request.Queries).NotNull().WithMessage("a query must be an object.").OverridePropertyName("queries");
        RuleForEach(c => c.Request.Queries).ChildRules(query =>
        {
            query.RuleFor(q => q.Id).MaximumLength(200).OverridePropertyName("id");
            query.RuleFor(q => q.Query).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("query must not be empty.")
                .Must(text => text.Trim().Length > 0).WithMessage("query must contain more than whitespace.")
                .MaximumLength(limits.MaxQueryCharacters).OverridePropertyName("query");
            query.RuleFor(q => q.Judgments).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("judgments must name at least one document.")
                .Must(judgments => judgments.Count <= limits.MaxJudgmentsPerQuery).WithMessage($"A query holds at most {limits.MaxJudgmentsPerQuery} judgments.")
                .Must(judgments => judgments.Any(j => j is { Relevance: > 0 })).WithMessage("At least one judged document must be relevant (relevance 1 or more).")
                .Must(judgments => judgments.Where(j => j is not null).DistinctBy(j => (j.DocumentId, j.ExternalId)).Count() == judgments.Count(j => j is not null))
                .WithMessage("Each document is judged at most once per query.")
                .OverridePropertyName("judgments");
            query.RuleForEach(q => q.Judgments).NotNull().WithMessage("a judgment must be an object.").OverridePropertyName("judgments");
            query.RuleForEach(q => q.Judgments).ChildRules(judgment =>
            {
                judgment.RuleFor(j => j.ExternalId).Must((j, externalId) => (externalId is null) != (j.DocumentId is null))
                    .WithMessage("A judgment names its document by externalId or by documentId (one of the two).").OverridePropertyName("externalId");
                judgment.RuleFor(j => j.ExternalId).NotEmpty().MaximumLength(200).When(j => j.ExternalId is not null).OverridePropertyName("externalId");
                judgment.RuleFor(j => j.Relevance).InclusiveBetween(0, MaxRelevance).OverridePropertyName("relevance");
            }).OverridePropertyName("judgments");
        }).OverridePropertyName("queries");
    }
}
