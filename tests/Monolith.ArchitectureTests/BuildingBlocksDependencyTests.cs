using Monolith.ArchitectureTests.Rules;
using Monolith.BuildingBlocks.Modules;

namespace Monolith.ArchitectureTests;

/// <summary>Rule 4: BuildingBlocks depend on no module.</summary>
public sealed class BuildingBlocksDependencyTests
{
    private const string Fixtures = "Monolith.ArchitectureTests.Fixtures.BuildingBlocks";

    [Fact]
    public void Building_blocks_reference_no_module_assembly()
    {
        var buildingBlocks = typeof(IModule).Assembly;

        ArchAssert.NoViolations(BuildingBlocksDependencyRule.ReferenceViolations(
            buildingBlocks.GetName().Name!, buildingBlocks.GetReferencedAssemblies().Select(reference => reference.Name!)));
    }

    [Fact]
    public void Building_blocks_types_use_no_module_type()
    {
        var buildingBlocks = typeof(IModule).Assembly;

        ArchAssert.NoViolations(BuildingBlocksDependencyRule.TypeViolations(buildingBlocks, buildingBlocks.GetName().Name!));
    }

    [Fact]
    public void Reports_a_module_reference()
    {
        string[] references = ["System.Runtime", "WolverineFx", "Monolith.Modules.Users.Contracts", "Monolith.Modules.Users"];

        ArchAssert.ExactlyViolations(
            BuildingBlocksDependencyRule.ReferenceViolations("Monolith.BuildingBlocks", references),
            "Monolith.BuildingBlocks references Monolith.Modules.Users.Contracts: BuildingBlocks may not depend on a module or the Host",
            "Monolith.BuildingBlocks references Monolith.Modules.Users: BuildingBlocks may not depend on a module or the Host");
    }

    [Fact]
    public void Reports_a_type_that_uses_a_module_type()
    {
        ArchAssert.ExactlyViolations(
            BuildingBlocksDependencyRule.TypeViolations(typeof(BuildingBlocksDependencyTests).Assembly, Fixtures),
            $"{Fixtures}.ModuleAwarePlumbing uses a type of a module or the Host");
    }
}
