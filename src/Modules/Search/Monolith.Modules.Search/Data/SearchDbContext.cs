using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Monolith.BuildingBlocks.Data;

namespace Monolith.Modules.Search.Data;

internal sealed class SearchDbContext(DbContextOptions<SearchDbContext> options) : DbContext(options)
{
    public const string Schema = "search";

    public DbSet<Collection> Collections => Set<Collection>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<Chunk> Chunks => Set<Chunk>();
    public DbSet<DocumentFile> DocumentFiles => Set<DocumentFile>();
    public DbSet<EvaluationRun> Evaluations => Set<EvaluationRun>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.HasPostgresExtension("vector");
        modelBuilder.MapErasedUsers();

        modelBuilder.Entity<Collection>(collection =>
        {
            collection.ToTable("collections");
            collection.HasKey(c => c.Id);
            collection.Property(c => c.Id).HasColumnName("id");
            collection.Property(c => c.OwnerId).HasColumnName("owner_id");
            collection.HasIndex(c => c.OwnerId);
            collection.Property(c => c.Name).HasColumnName("name").HasMaxLength(200);
            collection.Property(c => c.Description).HasColumnName("description").HasMaxLength(2000);
            collection.Property(c => c.EmbeddingModel).HasColumnName("embedding_model").HasMaxLength(200);
            collection.Property(c => c.Dimensions).HasColumnName("dimensions");
            collection.Property(c => c.TextSearchConfig).HasColumnName("text_search_config").HasMaxLength(63);
            collection.Property(c => c.CreatedAt).HasColumnName("created_at");
        });

        modelBuilder.Entity<Document>(document =>
        {
            document.ToTable("documents");
            document.HasKey(d => d.Id);
            document.Property(d => d.Id).HasColumnName("id");
            document.Property(d => d.CollectionId).HasColumnName("collection_id");
            document.HasOne<Collection>().WithMany().HasForeignKey(d => d.CollectionId).OnDelete(DeleteBehavior.Cascade);
            document.Property(d => d.OwnerId).HasColumnName("owner_id");
            document.HasIndex(d => d.OwnerId);
            document.Property(d => d.ExternalId).HasColumnName("external_id").HasMaxLength(200);
            document.HasIndex(d => new { d.CollectionId, d.ExternalId });
            document.HasIndex(d => new { d.CollectionId, d.Status, d.CreatedAt });
            document.Property(d => d.Title).HasColumnName("title").HasMaxLength(500);
            document.Property(d => d.Text).HasColumnName("text");
            Json(document.Property(d => d.Metadata)).HasColumnName("metadata");
            document.Property(d => d.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
            document.Property(d => d.Error).HasColumnName("error").HasMaxLength(2000);
            document.Property(d => d.ChunkCount).HasColumnName("chunk_count");
            document.Property(d => d.CreatedAt).HasColumnName("created_at");
            document.Property(d => d.IndexedAt).HasColumnName("indexed_at");
            Json(document.Property(d => d.Structure)).HasColumnName("structure");
            Json(document.Property(d => d.File)).HasColumnName("file");
            document.Property(d => d.PageCount).HasColumnName("page_count");
            document.Property(d => d.ExtractionAttempts).HasColumnName("extraction_attempts");
        });

        // Its own table: listing or indexing documents never reads the bytes.
        modelBuilder.Entity<DocumentFile>(file =>
        {
            file.ToTable("document_files");
            file.HasKey(f => f.DocumentId);
            file.Property(f => f.DocumentId).HasColumnName("document_id");
            file.HasOne<Document>().WithOne().HasForeignKey<DocumentFile>(f => f.DocumentId).OnDelete(DeleteBehavior.Cascade);
            file.Property(f => f.Content).HasColumnName("content");
        });

        modelBuilder.Entity<Chunk>(chunk =>
        {
            chunk.ToTable("chunks");
            chunk.HasKey(c => c.Id);
            chunk.Property(c => c.Id).HasColumnName("id");
            chunk.Property(c => c.DocumentId).HasColumnName("document_id");
            chunk.HasOne<Document>().WithMany().HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
            chunk.HasIndex(c => new { c.DocumentId, c.Position }).IsUnique(); // redelivery can never duplicate a chunk
            chunk.Property(c => c.CollectionId).HasColumnName("collection_id");
            chunk.HasIndex(c => c.CollectionId);
            chunk.Property(c => c.OwnerId).HasColumnName("owner_id");
            chunk.Property(c => c.Position).HasColumnName("position");
            chunk.Property(c => c.Text).HasColumnName("text");
            chunk.Property(c => c.Title).HasColumnName("title").HasMaxLength(500);
            chunk.Property(c => c.TokenCount).HasColumnName("token_count");
            chunk.Property(c => c.Embedding).HasColumnName("embedding").HasColumnType("vector");
            chunk.Property(c => c.Dimensions).HasColumnName("dimensions");
            Json(chunk.Property(c => c.Metadata)).HasColumnName("metadata");
            chunk.HasIndex(c => c.Metadata).HasMethod("gin").HasOperators("jsonb_path_ops");
        });

        // Goes with its collection (and so with the account); queries and results are read whole, never queried into.
        modelBuilder.Entity<EvaluationRun>(evaluation =>
        {
            evaluation.ToTable("evaluations");
            evaluation.HasKey(e => e.Id);
            evaluation.Property(e => e.Id).HasColumnName("id");
            evaluation.Property(e => e.CollectionId).HasColumnName("collection_id");
            evaluation.HasOne<Collection>().WithMany().HasForeignKey(e => e.CollectionId).OnDelete(DeleteBehavior.Cascade);
            evaluation.HasIndex(e => new { e.CollectionId, e.CreatedAt });
            evaluation.Property(e => e.OwnerId).HasColumnName("owner_id");
            evaluation.Property(e => e.Name).HasColumnName("name").HasMaxLength(200);
            evaluation.Property(e => e.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
            evaluation.Property(e => e.Error).HasColumnName("error").HasMaxLength(2000);
            evaluation.Property(e => e.Modes).HasColumnName("modes");
            Json(evaluation.Property(e => e.Queries)!).HasColumnName("queries");
            evaluation.Property(e => e.QueryCount).HasColumnName("query_count");
            Json(evaluation.Property(e => e.Metrics)).HasColumnName("metrics");
            Json(evaluation.Property(e => e.QueryResults)).HasColumnName("query_results");
            evaluation.Property(e => e.CreatedAt).HasColumnName("created_at");
            evaluation.Property(e => e.StartedAt).HasColumnName("started_at");
            evaluation.Property(e => e.CompletedAt).HasColumnName("completed_at");
        });
    }

    // A document's structure and file facts are read whole with it, never queried into.
    private static Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<T?> Json<T>(
        Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<T?> property)
        where T : class =>
        property.HasColumnType("jsonb").HasConversion(
            new ValueConverter<T?, string?>(
                value => value == null ? null : JsonSerializer.Serialize(value, (JsonSerializerOptions?)null),
                json => json == null ? null : JsonSerializer.Deserialize<T>(json, (JsonSerializerOptions?)null)),
            new ValueComparer<T?>(
                (a, b) => ReferenceEquals(a, b) || (a != null && b != null && JsonSerializer.Serialize(a, (JsonSerializerOptions?)null) == JsonSerializer.Serialize(b, (JsonSerializerOptions?)null)),
                value => value == null ? 0 : JsonSerializer.Serialize(value, (JsonSerializerOptions?)null).GetHashCode(StringComparison.Ordinal),
                value => value));

    // Metadata is a flat string map stored as jsonb, so filters use containment (@>) on a GIN index.
    private static Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<Dictionary<string, string>> Json(
        Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<Dictionary<string, string>> property) =>
        property.HasColumnType("jsonb").HasConversion(
            new ValueConverter<Dictionary<string, string>, string>(
                value => JsonSerializer.Serialize(value, (JsonSerializerOptions?)null),
                json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, (JsonSerializerOptions?)null) ?? new Dictionary<string, string>()),
            new ValueComparer<Dictionary<string, string>>(
                (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                value => value.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                value => new Dictionary<string, string>(value)));
}
