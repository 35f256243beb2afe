using Monolith.Modules.Users.Contracts;

namespace Monolith.ArchitectureTests.Fixtures.BuildingBlocks;

internal static class NeutralPlumbing
{
    public static string Describe(object message) => message.GetType().Name;
}

/// <summary>Violation: shared plumbing that knows a module's message.</summary>
internal static class ModuleAwarePlumbing
{
    public static bool IsUserDeletion(object message) => message is UserDeleted;
}
