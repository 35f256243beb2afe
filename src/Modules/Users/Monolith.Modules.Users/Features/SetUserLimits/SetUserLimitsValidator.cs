using FluentValidation;

namespace Monolith.Modules.Users.Features.SetUserLimits;

internal sealed class SetUserLimitsValidator : AbstractValidator<SetUserLimits>
{
    public SetUserLimitsValidator() => RuleFor(r => r.Limits).SetValidator(new LimitsValidator()).OverridePropertyName("");
}
