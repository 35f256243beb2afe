using System.Reflection;
using NetArchTest.Rules;

namespace Monolith.ArchitectureTests.Rules;

/// <summary>Rule 4: BuildingBlocks is shared plumbing; it depends on no module (nor on the Host that composes them).</summary>
public static class BuildingBlocksDependencyRule
{
    private static readonly string[] Forbidden = ["Monolith.Modules", "Monolith.Host"];

    /// <summary>Input: the names of the assemblies BuildingBlocks' compiled code references.</summary>
    public static IReadOnlyList<string> ReferenceViolations(string buildingBlocks, IEnumerable<string> references) =>
        references
            .Where(reference => Forbidden.Any(prefix => reference.StartsWith(prefix, StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal)
            .Select(reference => $"{buildingBlocks} references {reference}: BuildingBlocks may not depend on a module or the Host")
            .ToList();

    /// <summary>Input: the types in <paramref name="rootNamespace"/> of <paramref name="assembly"/>, read at IL level.</summary>
    public static IReadOnlyList<string> TypeViolations(Assembly assembly, string rootNamespace) =>
        (Types.InAssembly(assembly)
            .That().ResideInNamespace(rootNamespace)
            .ShouldNot().HaveDependencyOnAny(Forbidden)
            .GetResult().FailingTypeNames ?? [])
        .Select(type => $"{type} uses a type of a module or the Host")
        .ToList();
}
