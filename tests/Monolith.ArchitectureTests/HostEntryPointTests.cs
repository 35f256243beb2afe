using System.Reflection;
using Monolith.ArchitectureTests.Rules;

namespace Monolith.ArchitectureTests;

/// <summary>Rule 5: the Host references modules only through their entry points (and their Contracts).</summary>
public sealed class HostEntryPointTests
{
    [Fact]
    public void Host_uses_modules_only_through_their_entry_points()
    {
        var host = Assembly.Load("Monolith.Host");
        var references = HostEntryPointRule.ReadTypeReferences(host.Location);

        // Guard against a reader that finds nothing: the Host does create every module's entry point.
        Assert.All(ModuleCatalog.All, module => Assert.Contains(references, r => r.Assembly == module.Implementation.GetName().Name));
        ArchAssert.NoViolations(HostEntryPointRule.Violations(references, ModuleCatalog.All));
    }

    [Fact]
    public void Reports_a_module_type_other_than_the_entry_point()
    {
        // This test assembly refers, in Fixtures/HostReferences, to the Users entry point, a Users
        // contract, and a Users consumer; only the consumer is past the entry point.
        var references = HostEntryPointRule.ReadTypeReferences(typeof(HostEntryPointTests).Assembly.Location);

        ArchAssert.ExactlyViolations(
            HostEntryPointRule.Violations(references, ModuleCatalog.All),
            "Monolith.Modules.Users.Features.CheckUserActive.CheckUserActiveConsumer (Monolith.Modules.Users) is used past the module's entry point; use the IModule or the Contracts");
    }
}
