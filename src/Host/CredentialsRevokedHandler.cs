using Monolith.Modules.Users.Contracts;
using Wolverine;

namespace Monolith.Host;

/// <summary>Empties this process's <see cref="CallerCache"/> when Users revokes a key or deletes an account. Public only because Wolverine's generated code calls it.</summary>
public sealed class CredentialsRevokedHandler : IWolverineHandler
{
    public static void Handle(CredentialsRevoked message, CallerCache cache) => cache.Clear();
}
