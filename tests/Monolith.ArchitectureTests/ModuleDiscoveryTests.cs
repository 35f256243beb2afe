namespace Monolith.ArchitectureTests;

public sealed class ModuleDiscoveryTests
{
    [Fact]
    public void Finds_every_module_with_its_contracts()
    {
        // At least the four modules of the architecture, so a broken discovery cannot pass every rule vacuously.
        Assert.True(ModuleCatalog.All.Count >= 4,
            $"Found {ModuleCatalog.All.Count} module(s) in {AppContext.BaseDirectory}: {string.Join(", ", ModuleCatalog.All.Select(m => m.Name))}");
        ArchAssert.NoViolations(ModuleCatalog.Problems);
    }

    [Theory]
    [MemberData(nameof(ModuleCatalog.Names), MemberType = typeof(ModuleCatalog))]
    public void Module_has_one_entry_point_named_after_it(string module)
    {
        var assemblies = ModuleCatalog.Get(module);

        var entryPoint = Assert.Single(assemblies.EntryPoints);
        Assert.Equal(module, assemblies.CreateEntryPoint().Name);
        Assert.Equal(assemblies.RootNamespace, entryPoint.Namespace);
    }
}
