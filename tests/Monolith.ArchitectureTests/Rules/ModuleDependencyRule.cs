namespace Monolith.ArchitectureTests.Rules;

/// <summary>
/// Rule 1: a module depends on BuildingBlocks, its own Contracts and other modules' Contracts only,
/// never on another module's implementation or on the Host. Third-party assemblies are not this rule's concern.
/// Input: the names of the assemblies the module's compiled code references.
/// </summary>
public static class ModuleDependencyRule
{
    public const string BuildingBlocks = "Monolith.BuildingBlocks";

    public static IReadOnlyList<string> Violations(string module, IEnumerable<string> references) =>
        references
            .Where(reference => reference.StartsWith("Monolith.", StringComparison.Ordinal))
            .Where(reference => reference != BuildingBlocks && !ModuleCatalog.IsContracts(reference))
            .Distinct(StringComparer.Ordinal)
            .Select(reference => $"{module} references {reference}: " + (ModuleCatalog.IsImplementation(reference)
                ? "another module's implementation; talk to it through its Contracts"
                : "not BuildingBlocks or a Contracts assembly"))
            .ToList();
}
