using FluentValidation;
using Microsoft.Extensions.Options;

namespace Monolith.Modules.Search.Features.SearchCollection;

internal sealed class SearchCollectionValidator : AbstractValidator<SearchCollection>
{
    public SearchCollectionValidator(IOptions<SearchOptions> options) => SearchRequestRules.Apply(this, c => c.Request, options);
}
