using FluentValidation;
using Microsoft.Extensions.Options;
using Monolith.Modules.Search.Features.SearchCollection;

namespace Monolith.Modules.Search.Features.SearchCollections;

internal sealed class SearchCollectionsQueryValidator : AbstractValidator<SearchCollectionsQuery>
{
    public SearchCollectionsQueryValidator(IOptions<SearchOptions> options)
    {
        SearchRequestRules.Apply(this, q => new SearchRequest(
            q.Request.Query, q.Request.Mode, q.Request.TopK, q.Request.Filter?.ToDictionary(), q.Request.MinScore), options);
        RuleFor(q => q.Request.CollectionIds).NotEmpty().Must(ids => ids.Count <= 50).OverridePropertyName("collectionIds");
    }
}
