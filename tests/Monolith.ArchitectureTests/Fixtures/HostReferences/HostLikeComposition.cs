using Monolith.BuildingBlocks.Modules;
using Monolith.Modules.Users;
using Monolith.Modules.Users.Contracts;
using Monolith.Modules.Users.Features.CheckUserActive;

namespace Monolith.ArchitectureTests.Fixtures.HostReferences;

/// <summary>
/// Composes like the Host: the entry point and a contract are fine; the consumer is a violation.
/// These are the only module types this test assembly refers to in IL, so rule 5 run on this
/// assembly must report the consumer and nothing else.
/// </summary>
internal static class HostLikeComposition
{
    public static IModule EntryPoint() => new UsersModule();

    public static Type Contract => typeof(UserDeleted);

    public static Type PastTheEntryPoint => typeof(CheckUserActiveConsumer);
}
