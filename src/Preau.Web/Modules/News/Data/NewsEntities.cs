using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Preau.Web.Modules.People.Data;

namespace Preau.Web.Modules.News.Data;

/// <summary>
/// A news item of a school (its director writes it), a collectivité (its agents) or the whole territory
/// (administrators). Visible between <see cref="PublishAt"/> and <see cref="ExpiresAt"/> unless withdrawn.
/// The body is plain text: it is encoded when shown, paragraphs and web links are recognised then.
/// </summary>
public sealed class NewsItem
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary><see cref="ScopeType.School"/>, <see cref="ScopeType.LocalAuthority"/> or <see cref="ScopeType.Territory"/>.</summary>
    public ScopeType ScopeType { get; set; }
    /// <summary>The school or collectivité; null for the territory.</summary>
    public Guid? ScopeId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    /// <summary>UTC; may be in the future (hidden until then).</summary>
    public DateTime PublishAt { get; set; }
    /// <summary>UTC; hidden from then on.</summary>
    public DateTime? ExpiresAt { get; set; }
    /// <summary>Pinned above the others.</summary>
    public bool IsImportant { get; set; }
    /// <summary>Withdrawn by its author: kept, but shown to nobody but the writers of its scope.</summary>
    public bool IsWithdrawn { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>
    /// True from creation until its audience was notified, once, when due. False for items written before the
    /// notifications existed (the column's default), so that those are never announced late.
    /// </summary>
    public bool AnnouncePending { get; set; }
    /// <summary>The last person notified so far (audience in id order, by chunks): an interrupted announcement resumes there.</summary>
    public Guid? AnnounceCursor { get; set; }
    public DateTime? AnnouncedAt { get; set; }
}

internal sealed class NewsConfiguration : IEntityTypeConfiguration<NewsItem>
{
    public void Configure(EntityTypeBuilder<NewsItem> b)
    {
        b.ToTable("news_items");
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Body).HasMaxLength(10000);
        b.HasIndex(x => new { x.ScopeType, x.ScopeId, x.PublishAt });
        b.HasIndex(x => x.PublishAt);
        // Two passes racing on the same item: the second's chunk fails on the cursor and rolls back (exactly once).
        b.Property(x => x.AnnounceCursor).IsConcurrencyToken();
        b.HasIndex(x => new { x.AnnouncePending, x.PublishAt });
    }
}
