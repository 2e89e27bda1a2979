using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Preau.Web.Modules.People.Data;

namespace Preau.Web.Modules.Forums.Data;

/// <summary>
/// A discussion of a class's or a group's forum. There is no forum row: a space's forum is the set of its topics, so
/// that it exists as soon as the service is on.
/// </summary>
public sealed class ForumTopic
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary><see cref="ScopeType.Class"/> or <see cref="ScopeType.Group"/>.</summary>
    public ScopeType ScopeType { get; set; }
    public Guid ScopeId { get; set; }
    public required string Title { get; set; }
    public Guid AuthorId { get; set; }
    /// <summary>Shown first in the list, by a moderator.</summary>
    public bool IsPinned { get; set; }
    /// <summary>No more replies, by a moderator; what was written stays readable.</summary>
    public bool IsLocked { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Time of the newest post (hidden ones included): the list's order, kept here so that it sorts on an index.</summary>
    public DateTime LastPostAt { get; set; }
}

public sealed class ForumPost
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TopicId { get; set; }
    public Guid AuthorId { get; set; }
    /// <summary>Sanitized HTML when <see cref="IsHtml"/> (adults), plain text otherwise (pupils), encoded when shown.</summary>
    public required string Body { get; set; }
    public bool IsHtml { get; set; }
    /// <summary>The post this one answers by quoting it; shown as a quotation of that post's current text.</summary>
    public Guid? QuotedPostId { get; set; }
    /// <summary>Hidden by a moderator: moderators still see it, marked; nobody else does.</summary>
    public bool IsHidden { get; set; }
    /// <summary>Deleted by its author: the row stays (quotes and order hold) and shows « Message supprimé ».</summary>
    public bool IsDeleted { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? EditedAt { get; set; }
}

/// <summary>How far a person has read a topic: one row per person and topic, moved forward when they read it.</summary>
public sealed class ForumRead
{
    public Guid TopicId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>Creation time of the newest post the person has seen.</summary>
    public DateTime LastReadAt { get; set; }
}

/// <summary>« Signaler » on a post: waits in the forum's moderation queue until a moderator deals with it.</summary>
public sealed class ForumReport
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PostId { get; set; }
    /// <summary>Copied from the topic so that a space's queue is one indexed query.</summary>
    public ScopeType ScopeType { get; set; }
    public Guid ScopeId { get; set; }
    public Guid ReporterId { get; set; }
    public string? Reason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public Guid? ClosedBy { get; set; }
}

internal sealed class ForumTopicConfiguration : IEntityTypeConfiguration<ForumTopic>
{
    public void Configure(EntityTypeBuilder<ForumTopic> b)
    {
        b.ToTable("forum_topics");
        b.Property(x => x.Title).HasMaxLength(150);
        b.HasIndex(x => new { x.ScopeType, x.ScopeId, x.IsPinned, x.LastPostAt });
    }
}

internal sealed class ForumPostConfiguration : IEntityTypeConfiguration<ForumPost>
{
    public void Configure(EntityTypeBuilder<ForumPost> b)
    {
        b.ToTable("forum_posts");
        b.Property(x => x.Body).HasMaxLength(20_000);
        b.HasIndex(x => new { x.TopicId, x.CreatedAt });
        b.HasIndex(x => x.AuthorId);
        b.HasOne<ForumTopic>().WithMany().HasForeignKey(x => x.TopicId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ForumReadConfiguration : IEntityTypeConfiguration<ForumRead>
{
    public void Configure(EntityTypeBuilder<ForumRead> b)
    {
        b.ToTable("forum_reads");
        b.HasKey(x => new { x.TopicId, x.PersonId });
        b.HasIndex(x => x.PersonId);
        b.HasOne<ForumTopic>().WithMany().HasForeignKey(x => x.TopicId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ForumReportConfiguration : IEntityTypeConfiguration<ForumReport>
{
    public void Configure(EntityTypeBuilder<ForumReport> b)
    {
        b.ToTable("forum_reports");
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.HasIndex(x => new { x.ScopeType, x.ScopeId, x.ClosedAt });
        b.HasIndex(x => new { x.PostId, x.ReporterId });
        b.HasOne<ForumPost>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}
