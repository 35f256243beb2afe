using FluentValidation;
using Monolith.Modules.Users.Features.SetUserLimits;

namespace Monolith.Modules.Users.Features.CreateApiKey;

internal sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKey>
{
    public CreateApiKeyValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(100);
        RuleFor(r => r.Limits!).SetValidator(new LimitsValidator()).OverridePropertyName("limits").When(r => r.Limits is not null);
    }
}
