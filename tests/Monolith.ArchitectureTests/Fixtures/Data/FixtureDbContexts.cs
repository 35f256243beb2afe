using Microsoft.EntityFrameworkCore;
using Wolverine.EntityFrameworkCore;

namespace Monolith.ArchitectureTests.Fixtures.Data;

internal sealed class Thing
{
    public Guid Id { get; init; }
}

internal sealed class Stray
{
    public Guid Id { get; init; }
}

/// <summary>
/// Maps Thing into its own schema and Wolverine's envelopes into Wolverine's (ignored by the rule);
/// violations: a table and a sequence in the Users schema.
/// </summary>
internal sealed class TrespassingDbContext(DbContextOptions<TrespassingDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("fixture");
        modelBuilder.Entity<Thing>().ToTable("things");
        modelBuilder.Entity<Stray>().ToTable("strays", "users");
        modelBuilder.HasSequence<long>("stray_numbers", "users");
        modelBuilder.MapWolverineEnvelopeStorage("wolverine");
    }
}

/// <summary>Violation: no default schema, so anything added later lands in "public".</summary>
internal sealed class SchemalessDbContext(DbContextOptions<SchemalessDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Thing>().ToTable("things", "fixture");
}
