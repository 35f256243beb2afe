using Microsoft.EntityFrameworkCore;

namespace Monolith.Modules.Embeddings.Data;

internal sealed class EmbeddingsDbContext(DbContextOptions<EmbeddingsDbContext> options) : DbContext(options)
{
    public const string Schema = "embeddings";

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.HasDefaultSchema(Schema);
}
