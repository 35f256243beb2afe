using FluentValidation;
using Microsoft.Extensions.Options;
using Monolith.Modules.Search.Features.SearchCollection;
using Monolith.Modules.Search.Retrieval;

namespace Monolith.Modules.Search.Features.SearchCollections;

internal sealed class SearchCollectionsQueryValidator : AbstractValidator<SearchCollectionsQuery>
{
    public SearchCollectionsQueryValidator(IOptions<SearchOptions> options)
    {
        SearchRequestRules.Apply(this, q => AsRequest(q.Request), options);
        RuleFor(q => q.Request.CollectionIds).NotEmpty().Must(ids => ids.Count <= 50).OverridePropertyName("collectionIds");
    }

    /// <summary>The contract's search as the API's request: its filter is equalities only.</summary>
    public static SearchRequest AsRequest(Contracts.SearchCollections request) => new(
        request.Query, request.Mode, request.TopK,
        request.Filter?.ToDictionary(pair => pair.Key, pair => new MetadataCondition(EqualTo: pair.Value)), request.MinScore);
}
