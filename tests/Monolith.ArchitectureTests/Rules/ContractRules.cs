using System.Reflection;
using System.Runtime.CompilerServices;
using NetArchTest.Rules;

namespace Monolith.ArchitectureTests.Rules;

/// <summary>
/// Rule 2: contracts cross process boundaries, so they depend on nothing but the base class library
/// (no EF Core, ASP.NET Core, MediatR, Wolverine, FluentValidation, BuildingBlocks or module), and
/// are plain immutable data: public, sealed records or classes (or enums/structs), no settable state.
/// </summary>
public static class ContractRules
{
    /// <summary>
    /// The base class library: the assemblies of the .NET runtime itself (System.*, netstandard,
    /// mscorlib, Microsoft.CSharp, Microsoft.Win32.*). Microsoft.Extensions.*, EF Core and ASP.NET
    /// Core are not in it, so "Microsoft.*" alone would be too loose.
    /// </summary>
    public static IReadOnlySet<string> BaseClassLibrary { get; } =
        Directory.GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Input: the contracts assembly's name and the names of the assemblies its code references.</summary>
    public static IReadOnlyList<string> ReferenceViolations(string contracts, IEnumerable<string> references) =>
        references
            .Where(reference => !BaseClassLibrary.Contains(reference))
            .Distinct(StringComparer.Ordinal)
            .Select(reference => $"{contracts} references {reference}: contracts may reference the base class library only")
            .ToList();

    /// <summary>Input: the contract types, i.e. <paramref name="contractsNamespace"/> and below in <paramref name="assembly"/>.</summary>
    public static IReadOnlyList<string> TypeViolations(Assembly assembly, string contractsNamespace)
    {
        // NetArchTest reads the IL, so this also sees types used only inside method bodies.
        var dependencies = Types.InAssembly(assembly)
            .That().ResideInNamespace(contractsNamespace)
            .Should().OnlyHaveDependenciesOn("System", contractsNamespace)
            .GetResult();
        var violations = (dependencies.FailingTypeNames ?? [])
            .Select(type => $"{type} uses types outside the base class library and its own contracts")
            .ToList();

        foreach (var type in Conventions.TypesIn(assembly, contractsNamespace))
        {
            violations.AddRange(ShapeViolations(type));
        }

        return violations;
    }

    private static IEnumerable<string> ShapeViolations(Type type)
    {
        if (!type.IsVisible)
        {
            yield return $"{type.FullName} is not public: a contracts assembly holds only the public messages";
        }

        if (type.IsInterface)
        {
            yield return $"{type.FullName} is an interface: contracts are plain data (sealed records or classes)";
        }
        else if (type.IsClass && !type.IsSealed)
        {
            yield return $"{type.FullName} is not sealed: contracts are plain data, not class hierarchies";
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            if (property.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
            {
                yield return $"{type.FullName}.{property.Name} has a public setter: contracts are immutable (use init)";
            }
        }

        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            if (!type.IsEnum && !field.IsInitOnly)
            {
                yield return $"{type.FullName}.{field.Name} is a writable public field: contracts are immutable";
            }
        }
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
}
