using FluentValidation;
using Monolith.Modules.Users.Contracts;

namespace Monolith.Modules.Users.Features.SetUserLimits;

/// <summary>Limits are counts: none negative (0 allows nothing), none above a billion. Field names as in the JSON body.</summary>
internal sealed class LimitsValidator : AbstractValidator<CallerLimits>
{
    private const int Largest = 1_000_000_000;

    public LimitsValidator()
    {
        RuleFor(l => l.RequestsPerMinute).InclusiveBetween(0, Largest).OverridePropertyName("requestsPerMinute");
        Kind(l => l.Embeddings, "embeddings.");
        Kind(l => l.Chat, "chat.");
    }

    private void Kind(Func<CallerLimits, KindLimits?> kind, string prefix)
    {
        RuleFor(l => kind(l)!.RequestsPerMinute).InclusiveBetween(0, Largest).OverridePropertyName(prefix + "requestsPerMinute").When(l => kind(l) is not null);
        RuleFor(l => kind(l)!.TokensPerMinute).InclusiveBetween(0, Largest).OverridePropertyName(prefix + "tokensPerMinute").When(l => kind(l) is not null);
        RuleFor(l => kind(l)!.TokensPerDay).InclusiveBetween(0, Largest).OverridePropertyName(prefix + "tokensPerDay").When(l => kind(l) is not null);
    }
}
