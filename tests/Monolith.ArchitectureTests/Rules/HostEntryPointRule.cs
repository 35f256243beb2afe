using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Monolith.ArchitectureTests.Rules;

/// <summary>A type another assembly's IL refers to: the referenced assembly and the type's full name (nested with '+').</summary>
public sealed record TypeReference(string Assembly, string FullName);

/// <summary>
/// Rule 5: the Host uses a module only through its entry point. Every type the Host's IL refers to in
/// a module implementation assembly must implement <c>IModule</c>; Contracts types are fine.
/// </summary>
public static class HostEntryPointRule
{
    /// <summary>Every TypeRef row of the assembly at <paramref name="path"/>: all types its code uses from other assemblies.</summary>
    public static IReadOnlyList<TypeReference> ReadTypeReferences(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var references = new List<TypeReference>();
        foreach (var handle in metadata.TypeReferences)
        {
            if (Resolve(metadata, handle) is { } reference)
            {
                references.Add(reference);
            }
        }

        return references;
    }

    /// <summary>Input: the Host's type references and the discovered modules.</summary>
    public static IReadOnlyList<string> Violations(IEnumerable<TypeReference> references, IReadOnlyList<ModuleAssemblies> modules)
    {
        var implementations = modules.ToDictionary(module => module.Implementation.GetName().Name!, module => module.Implementation, StringComparer.Ordinal);
        var violations = new List<string>();
        foreach (var reference in references.Distinct().Where(r => ModuleCatalog.IsImplementation(r.Assembly)))
        {
            var type = implementations.TryGetValue(reference.Assembly, out var assembly) ? assembly.GetType(reference.FullName) : null;
            if (type is null)
            {
                violations.Add($"{reference.FullName} ({reference.Assembly}) is not a type of a discovered module");
            }
            else if (!Conventions.IsEntryPoint(type))
            {
                violations.Add($"{reference.FullName} ({reference.Assembly}) is used past the module's entry point; use the IModule or the Contracts");
            }
        }

        return violations;
    }

    private static TypeReference? Resolve(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var type = metadata.GetTypeReference(handle);
        var name = metadata.GetString(type.Name);
        var scope = type.ResolutionScope;
        if (scope.Kind == HandleKind.TypeReference)
        {
            // A nested type: its scope is the enclosing type.
            var outer = Resolve(metadata, (TypeReferenceHandle)scope);
            return outer is null ? null : outer with { FullName = $"{outer.FullName}+{name}" };
        }

        if (scope.Kind != HandleKind.AssemblyReference)
        {
            return null; // a type of this assembly's own module, not a reference to another assembly
        }

        var assembly = metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)scope).Name);
        var ns = metadata.GetString(type.Namespace);
        return new TypeReference(assembly, ns.Length == 0 ? name : $"{ns}.{name}");
    }
}
