using Microsoft.EntityFrameworkCore;
using Monolith.BuildingBlocks.Application;
using Npgsql;

namespace Monolith.BuildingBlocks.Data;

/// <summary>
/// Makes a module's erase of a deleted user airtight against that user's writes still in flight (a request
/// authenticated just before the deletion commits after the erase). Per user and module, a PostgreSQL advisory
/// lock orders the two: the erase takes it exclusive, writes the tombstone (<see cref="ErasedUser"/>) and deletes
/// the rows in one transaction; a write that creates a root row of the user (one nothing else cascades from)
/// takes it shared, checks the tombstone and saves in one transaction. A write that commits first is deleted by
/// the erase; one that comes after sees the tombstone and stores nothing. Rows under a root (documents, messages)
/// need no lock: their foreign key cascades, and one inserted under a root being deleted fails (409).
/// </summary>
public static class UserErasure
{
    public static void MapErasedUsers(this ModelBuilder modelBuilder) =>
        modelBuilder.Entity<ErasedUser>(erased =>
        {
            erased.ToTable("erased_users");
            erased.HasKey(e => e.UserId);
            erased.Property(e => e.UserId).HasColumnName("user_id").ValueGeneratedNever();
            erased.Property(e => e.ErasedAt).HasColumnName("erased_at");
        });

    /// <summary>Tombstones the user and runs <paramref name="deleteRows"/>, in one transaction under the exclusive lock. Idempotent.</summary>
    public static async Task EraseUserAsync(
        this DbContext db, Guid userId, DateTimeOffset erasedAt, Func<CancellationToken, Task> deleteRows, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(db, userId, exclusive: true, cancellationToken);
        if (!await IsErasedAsync(db, userId, cancellationToken))
        {
            db.Set<ErasedUser>().Add(new ErasedUser { UserId = userId, ErasedAt = erasedAt });
            await db.SaveChangesAsync(cancellationToken);
        }

        await deleteRows(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Saves the tracked changes of a write that creates a root row of <paramref name="userId"/>, unless this
    /// module has erased the user: then nothing is saved and the request is answered 401 (the account is gone).
    /// </summary>
    public static async Task SaveChangesUnlessErasedAsync(this DbContext db, Guid userId, CancellationToken cancellationToken)
    {
        if (!await db.TrySaveChangesUnlessErasedAsync(userId, cancellationToken))
        {
            throw ProblemException.Unauthorized("The account was deleted.");
        }
    }

    /// <summary>As <see cref="SaveChangesUnlessErasedAsync"/>, answering false (nothing saved) for an erased user.</summary>
    public static async Task<bool> TrySaveChangesUnlessErasedAsync(this DbContext db, Guid userId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(db, userId, exclusive: false, cancellationToken);
        if (await IsErasedAsync(db, userId, cancellationToken))
        {
            return false;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    // The two-key form (module schema, user): its key space is apart from the one-key locks others take (Wolverine's),
    // and modules do not wait for each other. The tombstone is read by a later statement than the one that waits for
    // the lock: under READ COMMITTED each statement sees what was committed when it started, so it sees the erase's.
    private static Task<int> LockAsync(DbContext db, Guid userId, bool exclusive, CancellationToken cancellationToken)
    {
        var schema = db.Model.GetDefaultSchema() ?? "public";
        var user = userId.ToString();
        return exclusive
            ? db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({schema}), hashtext({user}))", cancellationToken)
            : db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared(hashtext({schema}), hashtext({user}))", cancellationToken);
    }

    /// <summary>The shared lock of <see cref="LockAsync"/>, for a caller that sends it in a batch of its own.</summary>
    internal static NpgsqlBatchCommand SharedLockCommand(DbContext db, Guid userId) =>
        new("SELECT pg_advisory_xact_lock_shared(hashtext(@schema), hashtext(@user))")
        {
            Parameters =
            {
                new NpgsqlParameter<string>("schema", db.Model.GetDefaultSchema() ?? "public"),
                new NpgsqlParameter<string>("user", userId.ToString()),
            },
        };

    private static Task<bool> IsErasedAsync(DbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.Set<ErasedUser>().AnyAsync(e => e.UserId == userId, cancellationToken);
}
