using Monolith.ArchitectureTests.Rules;

namespace Monolith.ArchitectureTests;

/// <summary>Rule 10: validators are singletons and take only singletons.</summary>
public sealed class ValidatorDependencyTests
{
    private const string Fixtures = "Monolith.ArchitectureTests.Fixtures.ValidatorDependencies";

    [Theory]
    [MemberData(nameof(ModuleCatalog.Names), MemberType = typeof(ModuleCatalog))]
    public void Module_validators_take_only_options_or_the_clock(string module)
    {
        ArchAssert.NoViolations(ValidatorDependencyRule.Violations(ModuleCatalog.Get(module).Implementation.GetTypes()));
    }

    [Fact]
    public void Reports_a_validator_that_takes_a_scoped_service()
    {
        ArchAssert.ExactlyViolations(
            ValidatorDependencyRule.Violations(Conventions.TypesIn(typeof(ValidatorDependencyTests).Assembly, Fixtures)),
            $"{Fixtures}.UniqueOrderValidator takes OrderRepository orders: validators are singletons, so they take only options or TimeProvider");
    }
}
