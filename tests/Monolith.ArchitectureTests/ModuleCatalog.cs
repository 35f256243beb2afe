using System.Reflection;
using Monolith.BuildingBlocks.Modules;

namespace Monolith.ArchitectureTests;

/// <summary>One module as found by convention: <c>Monolith.Modules.&lt;Name&gt;</c> and its <c>.Contracts</c>.</summary>
public sealed record ModuleAssemblies(string Name, Assembly Implementation, Assembly Contracts)
{
    public string RootNamespace => ModuleCatalog.Prefix + Name;

    public string ContractsNamespace => RootNamespace + ModuleCatalog.ContractsSuffix;

    public IReadOnlyList<Type> EntryPoints => Implementation.GetTypes().Where(Conventions.IsEntryPoint).ToList();

    /// <summary>The module's registration entry point, created the way the host creates it.</summary>
    public IModule CreateEntryPoint() => (IModule)Activator.CreateInstance(EntryPoints.Single())!;
}

/// <summary>
/// Finds the modules by convention, never by a hand-written list: every <c>Monolith.Modules.*.dll</c>
/// next to this assembly (the Host references every module, so the build copies them all here).
/// A module added to the Host is covered by every rule without touching these tests.
/// </summary>
public static class ModuleCatalog
{
    public const string Prefix = "Monolith.Modules.";
    public const string ContractsSuffix = ".Contracts";

    private static readonly Lazy<(IReadOnlyList<ModuleAssemblies> Modules, IReadOnlyList<string> Problems)> Discovered = new(Discover);

    public static IReadOnlyList<ModuleAssemblies> All => Discovered.Value.Modules;

    /// <summary>Assemblies that look like modules but break the two-projects-per-module convention.</summary>
    public static IReadOnlyList<string> Problems => Discovered.Value.Problems;

    /// <summary>Module names for <c>[MemberData]</c>: strings, so xunit shows each module as its own test case.</summary>
    public static TheoryData<string> Names => new(All.Select(module => module.Name));

    public static ModuleAssemblies Get(string name) => All.Single(module => module.Name == name);

    public static bool IsContracts(string assemblyName) =>
        assemblyName.StartsWith(Prefix, StringComparison.Ordinal) && assemblyName.EndsWith(ContractsSuffix, StringComparison.Ordinal);

    public static bool IsImplementation(string assemblyName) =>
        assemblyName.StartsWith(Prefix, StringComparison.Ordinal) && !IsContracts(assemblyName);

    private static (IReadOnlyList<ModuleAssemblies>, IReadOnlyList<string>) Discover()
    {
        // Load by name so each assembly is the one the runtime already uses, not a second copy.
        var assemblies = Directory.GetFiles(AppContext.BaseDirectory, Prefix + "*.dll")
            .Select(path => Assembly.Load(AssemblyName.GetAssemblyName(path)))
            .ToDictionary(assembly => assembly.GetName().Name!, StringComparer.Ordinal);

        var modules = new List<ModuleAssemblies>();
        var problems = new List<string>();
        foreach (var (name, assembly) in assemblies.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (IsContracts(name))
            {
                var implementation = name[..^ContractsSuffix.Length];
                if (!assemblies.ContainsKey(implementation))
                {
                    problems.Add($"{name} has no module assembly {implementation}");
                }

                continue;
            }

            var moduleName = name[Prefix.Length..];
            if (moduleName.Contains('.', StringComparison.Ordinal))
            {
                problems.Add($"{name} is neither a module (Monolith.Modules.<Name>) nor its contracts (Monolith.Modules.<Name>.Contracts)");
            }
            else if (!assemblies.TryGetValue(name + ContractsSuffix, out var contracts))
            {
                problems.Add($"{name} has no contracts assembly {name}{ContractsSuffix}");
            }
            else
            {
                modules.Add(new ModuleAssemblies(moduleName, assembly, contracts));
            }
        }

        return (modules, problems);
    }
}
