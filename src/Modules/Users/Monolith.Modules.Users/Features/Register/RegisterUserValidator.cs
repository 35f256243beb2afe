using FluentValidation;

namespace Monolith.Modules.Users.Features.Register;

internal sealed class RegisterUserValidator : AbstractValidator<RegisterUser>
{
    public const int MinimumPasswordLength = 12;

    public RegisterUserValidator()
    {
        RuleFor(r => r.Email).NotEmpty().MaximumLength(254).EmailAddress();
        RuleFor(r => r.DisplayName).NotEmpty().MaximumLength(100);
        RuleFor(r => r.Password)
            .NotEmpty()
            .MinimumLength(MinimumPasswordLength)
            .WithMessage($"Password must be at least {MinimumPasswordLength} characters long.")
            .MaximumLength(128)
            .Must((request, password) => !string.Equals(password, request.Email?.Trim(), StringComparison.OrdinalIgnoreCase))
            .WithMessage("Password must not be the email address.");
    }
}
