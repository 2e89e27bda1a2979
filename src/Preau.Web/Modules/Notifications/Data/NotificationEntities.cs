using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Preau.Web.Modules.Notifications.Contracts;

namespace Preau.Web.Modules.Notifications.Data;

/// <summary>One line of a person's feed ("/notifications").</summary>
public sealed class FeedItem
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PersonId { get; set; }
    public NotificationKind Kind { get; set; }
    public required string Title { get; set; }
    public required string Url { get; set; }
    public bool FromPupilContent { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

/// <summary>
/// The work still to do for a feed item (live counter, e-mail). Written in the caller's transaction; the dispatcher
/// claims rows with a lease (<see cref="LeaseId"/>, <see cref="LeaseUntil"/>) and sets <see cref="ProcessedAt"/> only
/// under its own lease, so two dispatchers never handle the same row, and a row whose dispatcher died is taken again.
/// </summary>
public sealed class OutboxEntry
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ItemId { get; set; }
    public Guid PersonId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public Guid? LeaseId { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public DateTime? ProcessedAt { get; set; }
    /// <summary>Origin of the request that enqueued it, for links when Preau:PublicUrl is not configured.</summary>
    public string? BaseUrl { get; set; }
}

public enum EmailMode
{
    EachNotification = 1,
    DailyDigest = 2,
    Never = 3,
}

/// <summary>An adult's choice of e-mails; no row means the default (<see cref="EmailMode.EachNotification"/>, ADR 0007).</summary>
public sealed class EmailPreference
{
    public Guid PersonId { get; set; }
    public EmailMode Mode { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>The daily digest of one person for one day (Europe/Paris): the key makes a second one impossible.</summary>
public sealed class DigestRecord
{
    public Guid PersonId { get; set; }
    public DateOnly Day { get; set; }
    public DateTime ClaimedUntil { get; set; }
    public DateTime? SentAt { get; set; }
    public int Attempts { get; set; }
}

internal sealed class NotificationConfigurations :
    IEntityTypeConfiguration<FeedItem>, IEntityTypeConfiguration<OutboxEntry>, IEntityTypeConfiguration<EmailPreference>,
    IEntityTypeConfiguration<DigestRecord>
{
    public void Configure(EntityTypeBuilder<FeedItem> b)
    {
        b.ToTable("notifications_items");
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Url).HasMaxLength(500);
        b.HasIndex(x => new { x.PersonId, x.CreatedAt });
        b.HasIndex(x => new { x.PersonId, x.ReadAt });
    }

    public void Configure(EntityTypeBuilder<OutboxEntry> b)
    {
        b.ToTable("notifications_outbox");
        b.Property(x => x.BaseUrl).HasMaxLength(200);
        // One outbox row per feed item: an item cannot be dispatched through two rows.
        b.HasIndex(x => x.ItemId).IsUnique();
        b.HasIndex(x => new { x.ProcessedAt, x.NextAttemptAt });
        b.HasIndex(x => x.LeaseId);
        b.HasOne<FeedItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<EmailPreference> b)
    {
        b.ToTable("notifications_preferences");
        b.HasKey(x => x.PersonId);
        b.HasIndex(x => x.Mode);
    }

    public void Configure(EntityTypeBuilder<DigestRecord> b)
    {
        b.ToTable("notifications_digests");
        b.HasKey(x => new { x.PersonId, x.Day });
    }
}
