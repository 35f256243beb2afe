using Monolith.ArchitectureTests.Rules;

namespace Monolith.ArchitectureTests;

/// <summary>Rule 1: a module depends on BuildingBlocks, its own Contracts and other modules' Contracts only.</summary>
public sealed class ModuleDependencyTests
{
    [Theory]
    [MemberData(nameof(ModuleCatalog.Names), MemberType = typeof(ModuleCatalog))]
    public void Module_depends_only_on_building_blocks_and_contracts(string module)
    {
        var implementation = ModuleCatalog.Get(module).Implementation;

        ArchAssert.NoViolations(ModuleDependencyRule.Violations(
            implementation.GetName().Name!, implementation.GetReferencedAssemblies().Select(reference => reference.Name!)));
    }

    [Fact]
    public void Reports_another_modules_implementation_and_the_host()
    {
        string[] references =
        [
            "System.Runtime", "Microsoft.EntityFrameworkCore", "Monolith.BuildingBlocks",
            "Monolith.Modules.Search.Contracts", "Monolith.Modules.Users.Contracts",
            "Monolith.Modules.Users", "Monolith.Host",
        ];

        ArchAssert.ExactlyViolations(
            ModuleDependencyRule.Violations("Monolith.Modules.Search", references),
            "Monolith.Modules.Search references Monolith.Modules.Users: another module's implementation; talk to it through its Contracts",
            "Monolith.Modules.Search references Monolith.Host: not BuildingBlocks or a Contracts assembly");
    }
}
