using Monolith.ArchitectureTests.Rules;

namespace Monolith.ArchitectureTests;

/// <summary>Rule 3: every contract message has a [DataContract] identity, unique across all contracts.</summary>
public sealed class MessageIdentityTests
{
    private const string Fixtures = "Monolith.ArchitectureTests.Fixtures.MessageIdentities";

    private static IReadOnlyList<Type> AllContractMessages =>
        ModuleCatalog.All.SelectMany(module => MessageIdentityRule.MessageTypes(module.Contracts, module.ContractsNamespace)).ToList();

    [Theory]
    [MemberData(nameof(ModuleCatalog.Names), MemberType = typeof(ModuleCatalog))]
    public void Contract_messages_have_a_unique_data_contract_identity(string module)
    {
        var assemblies = ModuleCatalog.Get(module);

        ArchAssert.NoViolations(MessageIdentityRule.Violations(
            MessageIdentityRule.MessageTypes(assemblies.Contracts, assemblies.ContractsNamespace), AllContractMessages));
    }

    [Fact]
    public void Reports_missing_or_incomplete_identities_and_an_identity_taken_from_another_module()
    {
        var fixtures = MessageIdentityRule.MessageTypes(typeof(MessageIdentityTests).Assembly, Fixtures);

        ArchAssert.ExactlyViolations(
            MessageIdentityRule.Violations(fixtures, [.. fixtures, .. AllContractMessages]),
            $"{Fixtures}.UnmarkedMessage has no [DataContract(Namespace, Name)]: its wire identity would follow its CLR name",
            $"{Fixtures}.NamelessMessage has a [DataContract] without a Name",
            $"{Fixtures}.NamespacelessMessage has a [DataContract] without a Namespace",
            $"{Fixtures}.ImpostorUserDeleted has identity monolith.users.user-deleted.v1, also used by Monolith.Modules.Users.Contracts.UserDeleted");
    }
}
