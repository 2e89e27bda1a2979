using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Territory.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Platform.Auth;

/// <summary>
/// One counter in the database, raised whenever something a person's access is computed from changes
/// (memberships, guardian links, group members, classes, schools, persons), and what is cached beside it
/// (<see cref="StampedCache"/>: the services' switches, the holidays, the home page's news).
/// <see cref="AccessContext"/> caches each person's access under the value read with the account check, so a change is
/// seen on the next request by every instance (the database says when, not a per-instance timer), and the evening's
/// pages skip four queries.
/// </summary>
public sealed class AccessStamp
{
    /// <summary>The one row (seeded by the migrations).</summary>
    public const int RowId = 1;

    public int Id { get; set; }
    public long Value { get; set; }

    /// <summary>For bulk changes (ExecuteDelete/ExecuteUpdate) that the change tracker does not see.</summary>
    public static Task BumpAsync(PreauDbContext db, CancellationToken ct = default) =>
        db.AccessStamps.ExecuteUpdateAsync(s => s.SetProperty(x => x.Value, x => x.Value + 1), ct);

    internal static bool Concerns(Type type) =>
        type == typeof(Membership) || type == typeof(GuardianLink) || type == typeof(GroupMember)
        || type == typeof(SchoolClass) || type == typeof(School) || type == typeof(Person)
        // Not access, but read by every home or agenda page and cached under the same stamp (StampedCache).
        || type == typeof(Modules.Home.Data.ServiceSetting)
        || type == typeof(Modules.Agenda.Data.AgendaSettings) || type == typeof(Modules.Agenda.Data.HolidayPeriod)
        // The home page's news: the items, and the communes and groupements that say which schools' families read them.
        || type == typeof(Modules.News.Data.NewsItem) || type == typeof(LocalAuthority) || type == typeof(LocalAuthorityMember);

    // The announcer's progress through a news item's audience changes nothing anyone reads; it saves once per chunk
    // of recipients, and a raise each time would make every signed-in person's access be read again.
    private static readonly HashSet<string> NewsBookkeeping =
        [nameof(Modules.News.Data.NewsItem.AnnouncePending), nameof(Modules.News.Data.NewsItem.AnnounceCursor), nameof(Modules.News.Data.NewsItem.AnnouncedAt)];

    internal static bool Concerns(EntityEntry entry) =>
        Concerns(entry.Metadata.ClrType)
        && !(entry.State == EntityState.Modified && entry.Entity is Modules.News.Data.NewsItem
            && entry.Properties.Where(p => p.IsModified).All(p => NewsBookkeeping.Contains(p.Metadata.Name)));
}

internal sealed class AccessStampConfiguration : IEntityTypeConfiguration<AccessStamp>
{
    public void Configure(EntityTypeBuilder<AccessStamp> b)
    {
        b.ToTable("platform_access_stamps");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasData(new AccessStamp { Id = AccessStamp.RowId, Value = 0 });
    }
}

/// <summary>Raises the stamp after a SaveChanges that touched access data (inside the caller's transaction if any).</summary>
internal sealed class AccessStampInterceptor : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PreauDbContext { AccessChanged: true } db)
        {
            db.AccessChanged = false;
            await AccessStamp.BumpAsync(db, cancellationToken);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is PreauDbContext { AccessChanged: true } db)
        {
            db.AccessChanged = false;
            db.AccessStamps.ExecuteUpdate(s => s.SetProperty(x => x.Value, x => x.Value + 1));
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is PreauDbContext db)
        {
            db.AccessChanged = false;
        }
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    private static void Mark(DbContext? context)
    {
        if (context is not PreauDbContext db)
        {
            return;
        }
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && AccessStamp.Concerns(entry))
            {
                db.AccessChanged = true;
                return;
            }
        }
    }
}
