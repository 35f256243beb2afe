using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Monolith.BuildingBlocks.Data;
using Monolith.BuildingBlocks.Usage;

namespace Monolith.Modules.Chat.Data;

internal sealed class ChatDbContext(DbContextOptions<ChatDbContext> options) : DbContext(options)
{
    public const string Schema = "chat";

    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<StoredMessage> Messages => Set<StoredMessage>();
    public DbSet<StoredResponse> Responses => Set<StoredResponse>();
    public DbSet<UsageRecord> Usage => Set<UsageRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.MapErasedUsers();
        modelBuilder.MapUsage();

        modelBuilder.Entity<Conversation>(conversation =>
        {
            conversation.ToTable("conversations");
            conversation.HasKey(c => c.Id);
            conversation.Property(c => c.Id).HasColumnName("id");
            conversation.Property(c => c.OwnerId).HasColumnName("owner_id");
            conversation.HasIndex(c => new { c.OwnerId, c.UpdatedAt });
            conversation.Property(c => c.Title).HasColumnName("title").HasMaxLength(200);
            conversation.Property(c => c.CollectionIds).HasColumnName("collection_ids");
            conversation.Property(c => c.SystemPrompt).HasColumnName("system_prompt");
            conversation.Property(c => c.Model).HasColumnName("model").HasMaxLength(200);
            conversation.Property(c => c.CreatedAt).HasColumnName("created_at");
            conversation.Property(c => c.UpdatedAt).HasColumnName("updated_at");
        });

        modelBuilder.Entity<StoredMessage>(message =>
        {
            message.ToTable("messages");
            message.HasKey(m => m.Id);
            message.Property(m => m.Id).HasColumnName("id");
            message.Property(m => m.ConversationId).HasColumnName("conversation_id");
            message.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
            message.HasIndex(m => new { m.ConversationId, m.CreatedAt });
            message.Property(m => m.Role).HasColumnName("role").HasMaxLength(16);
            message.Property(m => m.Content).HasColumnName("content");
            message.Property(m => m.Citations).HasColumnName("citations").HasColumnType("jsonb").HasConversion(
                value => JsonSerializer.Serialize(value, (JsonSerializerOptions?)null),
                json => JsonSerializer.Deserialize<List<Citation>>(json, (JsonSerializerOptions?)null) ?? new List<Citation>(),
                new ValueComparer<List<Citation>>((a, b) => a!.SequenceEqual(b!), value => value.Count, value => value.ToList()));
            message.Property(m => m.Model).HasColumnName("model").HasMaxLength(200);
            message.Property(m => m.PromptTokens).HasColumnName("prompt_tokens");
            message.Property(m => m.CompletionTokens).HasColumnName("completion_tokens");
            message.Property(m => m.Incomplete).HasColumnName("incomplete");
            message.Property(m => m.CreatedAt).HasColumnName("created_at");
        });

        modelBuilder.Entity<StoredResponse>(response =>
        {
            response.ToTable("responses");
            response.HasKey(r => r.Id);
            response.Property(r => r.Id).HasColumnName("id");
            response.Property(r => r.OwnerId).HasColumnName("owner_id");
            response.HasIndex(r => new { r.OwnerId, r.CreatedAt });
            response.Property(r => r.Body).HasColumnName("body"); // text, not jsonb: GET answers the bytes create answered, keys in order
            response.Property(r => r.Conversation).HasColumnName("conversation");
            response.Property(r => r.CreatedAt).HasColumnName("created_at");
        });
    }
}
