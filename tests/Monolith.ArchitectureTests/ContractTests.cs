using Monolith.ArchitectureTests.Rules;

namespace Monolith.ArchitectureTests;

/// <summary>Rule 2: contracts depend on the base class library only and are plain immutable data.</summary>
public sealed class ContractTests
{
    private const string Fixtures = "Monolith.ArchitectureTests.Fixtures.Contracts";

    [Theory]
    [MemberData(nameof(ModuleCatalog.Names), MemberType = typeof(ModuleCatalog))]
    public void Contracts_reference_only_the_base_class_library(string module)
    {
        var contracts = ModuleCatalog.Get(module).Contracts;

        ArchAssert.NoViolations(ContractRules.ReferenceViolations(
            contracts.GetName().Name!, contracts.GetReferencedAssemblies().Select(reference => reference.Name!)));
    }

    [Theory]
    [MemberData(nameof(ModuleCatalog.Names), MemberType = typeof(ModuleCatalog))]
    public void Contract_types_are_public_sealed_immutable_and_use_only_the_base_class_library(string module)
    {
        var assemblies = ModuleCatalog.Get(module);

        ArchAssert.NoViolations(ContractRules.TypeViolations(assemblies.Contracts, assemblies.ContractsNamespace));
    }

    [Fact]
    public void Reports_references_outside_the_base_class_library()
    {
        string[] references =
        [
            "System.Runtime", "System.Runtime.Serialization.Primitives", "System.Collections", "netstandard",
            "Microsoft.EntityFrameworkCore", "WolverineFx", "Monolith.BuildingBlocks",
        ];

        ArchAssert.ExactlyViolations(
            ContractRules.ReferenceViolations("Monolith.Modules.Fixture.Contracts", references),
            "Monolith.Modules.Fixture.Contracts references Microsoft.EntityFrameworkCore: contracts may reference the base class library only",
            "Monolith.Modules.Fixture.Contracts references WolverineFx: contracts may reference the base class library only",
            "Monolith.Modules.Fixture.Contracts references Monolith.BuildingBlocks: contracts may reference the base class library only");
    }

    [Fact]
    public void Reports_an_ef_core_type_and_types_that_are_not_public_sealed_immutable()
    {
        ArchAssert.ExactlyViolations(
            ContractRules.TypeViolations(typeof(ContractTests).Assembly, Fixtures),
            $"{Fixtures}.MessageWithEfType uses types outside the base class library and its own contracts",
            $"{Fixtures}.UnsealedMessage is not sealed: contracts are plain data, not class hierarchies",
            $"{Fixtures}.HiddenMessage is not public: a contracts assembly holds only the public messages",
            $"{Fixtures}.MutableMessage.Name has a public setter: contracts are immutable (use init)");
    }
}
