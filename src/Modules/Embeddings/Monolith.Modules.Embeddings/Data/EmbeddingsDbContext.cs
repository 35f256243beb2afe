using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Data;
using Monolith.BuildingBlocks.Usage;

namespace Monolith.Modules.Embeddings.Data;

internal sealed class EmbeddingsDbContext(DbContextOptions<EmbeddingsDbContext> options) : DbContext(options)
{
    public const string Schema = "embeddings";

    public DbSet<CachedEmbedding> Cache => Set<CachedEmbedding>();
    public DbSet<UsageRecord> Usage => Set<UsageRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.MapErasedUsers();
        modelBuilder.MapUsage();

        modelBuilder.Entity<CachedEmbedding>(cache =>
        {
            cache.ToTable("cache");
            cache.HasKey(c => new { c.ModelKey, c.TextHash });
            cache.Property(c => c.ModelKey).HasColumnName("model_key").HasMaxLength(200);
            cache.Property(c => c.TextHash).HasColumnName("text_hash");
            cache.Property(c => c.Vector).HasColumnName("vector");
            cache.Property(c => c.TokenCount).HasColumnName("token_count");
            cache.Property(c => c.CreatedAt).HasColumnName("created_at");
        });
    }
}
