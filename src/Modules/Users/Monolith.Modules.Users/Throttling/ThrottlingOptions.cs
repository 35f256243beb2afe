namespace Monolith.Modules.Users.Throttling;

/// <summary>
/// Login throttling and the registration limit (<c>RateLimits:Login:*</c>, <c>RateLimits:Registration:*</c>), the
/// defaults documented in the README (ADR 43). Failures older than the window are forgotten.
/// </summary>
internal sealed class ThrottlingOptions
{
    public LoginLimits Login { get; set; } = new();

    public RegistrationLimits Registration { get; set; } = new();

    internal sealed class LoginLimits
    {
        /// <summary>Failed logins of one account (known or not) within the window before its logins are refused.</summary>
        public int AccountFailures { get; set; } = 5;

        /// <summary>Failed logins from one client address, whatever the account, before its logins are refused.</summary>
        public int AddressFailures { get; set; } = 50;

        public int WindowSeconds { get; set; } = 900;

        /// <summary>How long logins stay refused once a limit is reached.</summary>
        public int LockoutSeconds { get; set; } = 300;
    }

    internal sealed class RegistrationLimits
    {
        /// <summary>Registrations (accepted, or refused as a duplicate) per client address and window.</summary>
        public int PermitLimit { get; set; } = 20;

        public int WindowSeconds { get; set; } = 3600;
    }
}
