using Microsoft.EntityFrameworkCore;
using Monolith.ArchitectureTests.Fixtures.Data;
using Monolith.ArchitectureTests.Rules;

namespace Monolith.ArchitectureTests;

/// <summary>Rule 7: each module's DbContext maps only to its own schema.</summary>
public sealed class SchemaOwnershipTests
{
    [Theory]
    [MemberData(nameof(ModuleCatalog.Names), MemberType = typeof(ModuleCatalog))]
    public void Module_db_context_maps_only_to_the_module_schema(string module)
    {
        var assemblies = ModuleCatalog.Get(module);
        var dbContexts = assemblies.Implementation.GetTypes()
            .Where(type => Conventions.IsConcreteClass(type) && type.IsSubclassOf(typeof(DbContext)))
            .ToList();

        ArchAssert.NoViolations(SchemaOwnershipRule.Violations(dbContexts, assemblies.CreateEntryPoint().Schema));
    }

    [Fact]
    public void Reports_a_table_and_a_sequence_in_another_schema()
    {
        ArchAssert.ExactlyViolations(
            SchemaOwnershipRule.Violations([typeof(TrespassingDbContext)], "fixture"),
            "TrespassingDbContext maps Stray to table users.strays, outside schema fixture",
            "TrespassingDbContext maps sequence users.stray_numbers, outside schema fixture");
    }

    [Fact]
    public void Reports_a_missing_default_schema()
    {
        ArchAssert.ExactlyViolations(
            SchemaOwnershipRule.Violations([typeof(SchemalessDbContext)], "fixture"),
            "SchemalessDbContext has default schema (none), not fixture");
    }

    [Fact]
    public void Reports_a_module_without_exactly_one_db_context()
    {
        ArchAssert.ExactlyViolations(
            SchemaOwnershipRule.Violations([], "fixture"),
            "0 DbContexts (): a module owns its schema through exactly one");
        ArchAssert.ExactlyViolations(
            SchemaOwnershipRule.Violations([typeof(TrespassingDbContext), typeof(SchemalessDbContext)], "fixture"),
            "2 DbContexts (TrespassingDbContext, SchemalessDbContext): a module owns its schema through exactly one");
    }
}
