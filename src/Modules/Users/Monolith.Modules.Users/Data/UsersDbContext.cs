using Microsoft.EntityFrameworkCore;

namespace Monolith.Modules.Users.Data;

internal sealed class UsersDbContext(DbContextOptions<UsersDbContext> options) : DbContext(options)
{
    public const string Schema = "users";

    public DbSet<User> Users => Set<User>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ThrottleCounter> ThrottleCounters => Set<ThrottleCounter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);

        modelBuilder.Entity<User>(user =>
        {
            user.ToTable("users");
            user.HasKey(u => u.Id);
            user.Property(u => u.Id).HasColumnName("id");
            user.Property(u => u.Email).HasColumnName("email").HasMaxLength(254);
            user.Property(u => u.NormalizedEmail).HasColumnName("normalized_email").HasMaxLength(254);
            user.HasIndex(u => u.NormalizedEmail).IsUnique();
            user.Property(u => u.DisplayName).HasColumnName("display_name").HasMaxLength(100);
            user.Property(u => u.PasswordHash).HasColumnName("password_hash");
            user.Property(u => u.CreatedAt).HasColumnName("created_at");
            user.Property(u => u.Limits).HasColumnName("limits").HasColumnType("jsonb").HasConversion(LimitsJson.Converter, LimitsJson.Comparer);
            user.HasMany(u => u.ApiKeys).WithOne().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ApiKey>(key =>
        {
            key.ToTable("api_keys");
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).HasColumnName("id");
            key.Property(k => k.UserId).HasColumnName("user_id");
            key.Property(k => k.Name).HasColumnName("name").HasMaxLength(100);
            key.Property(k => k.Prefix).HasColumnName("prefix").HasMaxLength(16);
            key.Property(k => k.Hash).HasColumnName("hash").HasMaxLength(64);
            key.HasIndex(k => k.Hash).IsUnique();
            key.Property(k => k.CreatedAt).HasColumnName("created_at");
            key.Property(k => k.LastUsedAt).HasColumnName("last_used_at");
            key.Property(k => k.Scopes).HasColumnName("scopes");
            key.Property(k => k.ExpiresAt).HasColumnName("expires_at");
            key.Property(k => k.Limits).HasColumnName("limits").HasColumnType("jsonb").HasConversion(LimitsJson.Converter, LimitsJson.Comparer);
        });

        modelBuilder.Entity<ThrottleCounter>(counter =>
        {
            counter.ToTable("throttle_counters");
            counter.HasKey(c => c.Key);
            counter.Property(c => c.Key).HasColumnName("key").HasMaxLength(100);
            counter.Property(c => c.Count).HasColumnName("count");
            counter.Property(c => c.WindowStartedAt).HasColumnName("window_started_at");
            counter.HasIndex(c => c.WindowStartedAt); // the sweep of stale counters
            counter.Property(c => c.BlockedUntil).HasColumnName("blocked_until");
        });
    }
}
