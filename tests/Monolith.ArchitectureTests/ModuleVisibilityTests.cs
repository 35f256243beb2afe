using Monolith.ArchitectureTests.Rules;

namespace Monolith.ArchitectureTests;

/// <summary>Rule 6: module internals are not public.</summary>
public sealed class ModuleVisibilityTests
{
    private const string Fixtures = "Monolith.ArchitectureTests.Fixtures.Visibility";

    [Theory]
    [MemberData(nameof(ModuleCatalog.Names), MemberType = typeof(ModuleCatalog))]
    public void Module_types_are_internal_except_entry_point_consumers_and_migrations(string module)
    {
        ArchAssert.NoViolations(ModuleVisibilityRule.Violations(ModuleCatalog.Get(module).Implementation.GetTypes()));
    }

    [Fact]
    public void Reports_public_types_that_are_not_entry_point_consumer_or_migration()
    {
        ArchAssert.ExactlyViolations(
            ModuleVisibilityRule.Violations(Conventions.TypesIn(typeof(ModuleVisibilityTests).Assembly, Fixtures)),
            $"{Fixtures}.LeakyService is public; only the entry point (IModule), Wolverine *Consumer handlers and EF migrations may be",
            $"{Fixtures}.SomethingHappenedListener is public; only the entry point (IModule), Wolverine *Consumer handlers and EF migrations may be",
            $"{Fixtures}.Data.Migrations.MigrationHelper is public; only the entry point (IModule), Wolverine *Consumer handlers and EF migrations may be");
    }
}
