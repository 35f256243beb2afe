using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Monolith.ArchitectureTests.Rules;

/// <summary>
/// Rule 7: a module owns one schema through one DbContext, and that DbContext maps nothing (tables,
/// views, sequences, default schema) outside it. The model is built offline: UseNpgsql opens no
/// connection until a query runs. Wolverine's envelope entities, should a context ever map them
/// (MapWolverineEnvelopeStorage), live in Wolverine's own schema and are ignored.
/// </summary>
public static class SchemaOwnershipRule
{
    /// <summary>Input: the module's DbContext types and the schema its entry point declares (<c>IModule.Schema</c>).</summary>
    public static IReadOnlyList<string> Violations(IReadOnlyCollection<Type> dbContexts, string schema)
    {
        if (dbContexts.Count != 1)
        {
            return [$"{dbContexts.Count} DbContexts ({string.Join(", ", dbContexts.Select(c => c.Name))}): a module owns its schema through exactly one"];
        }

        var context = dbContexts.Single();
        var model = BuildModel(context);
        var violations = new List<string>();
        if (model.GetDefaultSchema() != schema)
        {
            violations.Add($"{context.Name} has default schema {model.GetDefaultSchema() ?? "(none)"}, not {schema}");
        }

        foreach (var entity in model.GetEntityTypes().Where(entity => !IsWolverineEnvelope(entity)))
        {
            if (entity.GetTableName() is { } table && entity.GetSchema() != schema)
            {
                violations.Add($"{context.Name} maps {entity.DisplayName()} to table {entity.GetSchema()}.{table}, outside schema {schema}");
            }

            if (entity.GetViewName() is { } view && entity.GetViewSchema() != schema)
            {
                violations.Add($"{context.Name} maps {entity.DisplayName()} to view {entity.GetViewSchema()}.{view}, outside schema {schema}");
            }
        }

        foreach (var sequence in model.GetSequences().Where(sequence => sequence.Schema != schema))
        {
            violations.Add($"{context.Name} maps sequence {sequence.Schema}.{sequence.Name}, outside schema {schema}");
        }

        return violations;
    }

    private static bool IsWolverineEnvelope(IReadOnlyEntityType entity) =>
        entity.ClrType.Namespace?.StartsWith("Wolverine", StringComparison.Ordinal) == true;

    /// <summary>The design-time model: the runtime one drops annotations such as the default schema.</summary>
    private static IModel BuildModel(Type contextType)
    {
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
        builder.UseNpgsql("Host=localhost", npgsql => npgsql.UseVector());
        using var context = (DbContext)Activator.CreateInstance(contextType, [builder.Options])!;
        return context.GetService<IDesignTimeModel>().Model;
    }
}
