using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Monolith.ArchitectureTests.Rules;

/// <summary>
/// Rule 6: a module's types are internal, except its entry point (IModule), its Wolverine consumers
/// (Wolverine's generated code calls them, so they must be public) and EF Core's generated migrations.
/// </summary>
public static class ModuleVisibilityRule
{
    /// <summary>Input: the module's types.</summary>
    public static IReadOnlyList<string> Violations(IEnumerable<Type> types) =>
        types
            .Where(type => type.IsVisible && !Conventions.IsCompilerGenerated(type) && !MayBePublic(type))
            .Select(type => $"{type.FullName} is public; only the entry point (IModule), Wolverine *Consumer handlers and EF migrations may be")
            .ToList();

    private static bool MayBePublic(Type type) =>
        Conventions.IsEntryPoint(type)
        || (Conventions.IsWolverineHandler(type) && type.Name.EndsWith("Consumer", StringComparison.Ordinal))
        || IsMigration(type);

    private static bool IsMigration(Type type) =>
        type.Namespace?.EndsWith(".Data.Migrations", StringComparison.Ordinal) == true
        && (type.IsSubclassOf(typeof(Migration)) || type.IsSubclassOf(typeof(ModelSnapshot)));
}
