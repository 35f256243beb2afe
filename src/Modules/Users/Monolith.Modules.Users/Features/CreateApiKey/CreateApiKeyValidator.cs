using FluentValidation;
using Monolith.BuildingBlocks.Security;
using Monolith.Modules.Users.Features.SetUserLimits;

namespace Monolith.Modules.Users.Features.CreateApiKey;

/// <summary>A new key never holds more than its creator: no admin scope for non-admins, and a key creates only narrower keys (ADR 42).</summary>
internal sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKey>
{
    public CreateApiKeyValidator(TimeProvider clock)
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(100);
        RuleFor(r => r.Limits!).SetValidator(new LimitsValidator()).OverridePropertyName("limits").When(r => r.Limits is not null);
        RuleFor(r => r.Scopes).Custom((scopes, context) =>
        {
            foreach (var problem in ScopeProblems(scopes, context.InstanceToValidate.Creator).Take(3)) // not one per entry of a huge list
            {
                context.AddFailure(problem);
            }
        });
        RuleFor(r => r.ExpiresAt).Custom((expiresAt, context) =>
        {
            var creator = context.InstanceToValidate.Creator;
            if (expiresAt is { } at && at <= clock.GetUtcNow())
            {
                context.AddFailure("expiresAt must be in the future.");
            }
            else if (creator.ExpiresAt is { } limit && (expiresAt is null || expiresAt > limit))
            {
                context.AddFailure($"A key that expires creates only keys that expire no later ({limit:O}).");
            }
        });
    }

    private static IEnumerable<string> ScopeProblems(IReadOnlyList<string>? scopes, KeyCreator creator)
    {
        if (scopes is null)
        {
            if (creator.Scopes is not null)
            {
                yield return "A scoped key creates only scoped keys: list the scopes.";
            }

            yield break;
        }

        if (scopes.Count == 0)
        {
            yield return "List at least one scope, or omit scopes for a key that may do everything you may.";
        }

        foreach (var scope in scopes.Distinct())
        {
            if (!ApiScopes.All.Contains(scope))
            {
                yield return $"Unknown scope '{scope}'; the scopes are {string.Join(", ", ApiScopes.All)}.";
            }
            else if (scope == ApiScopes.Admin && !creator.IsAdmin)
            {
                yield return "Only an admin can create a key with the 'admin' scope.";
            }
            else if (creator.Scopes is not null && !creator.Scopes.Contains(scope))
            {
                yield return $"A key hands on only scopes it holds; it lacks '{scope}'.";
            }
        }
    }
}
