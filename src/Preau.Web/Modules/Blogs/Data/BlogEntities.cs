using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Preau.Web.Modules.People.Data;

namespace Preau.Web.Modules.Blogs.Data;

/// <summary>Who reads a blog. Private by default: only the members of its space.</summary>
public enum BlogVisibility
{
    Members = 0,
    /// <summary>Any signed-in person of the platform.</summary>
    Platform = 1,
    /// <summary>Anyone on the internet, without signing in; listed in the showcase.</summary>
    Public = 2,
}

/// <summary>When members' comments appear: after a moderator approved them, or at once (and can be hidden).</summary>
public enum CommentModeration
{
    BeforePublication = 0,
    AfterPublication = 1,
}

/// <summary>brouillon → soumis → publié, or à revoir (with the moderator's comment) back to the author.</summary>
public enum ArticleStatus
{
    Draft = 0,
    Submitted = 1,
    Published = 2,
    ToRevise = 3,
}

public enum CommentStatus
{
    Pending = 0,
    Visible = 1,
    Hidden = 2,
}

/// <summary>
/// The blog of a class, a school, a collectivité or a group: one per space, created on first use by its staff or
/// owners. Its <see cref="Slug"/> gives the addresses /blogs/{slug}/….
/// </summary>
public sealed class Blog
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary><see cref="ScopeType.Class"/>, <see cref="ScopeType.School"/>, <see cref="ScopeType.LocalAuthority"/> or <see cref="ScopeType.Group"/>.</summary>
    public ScopeType ScopeType { get; set; }
    public Guid ScopeId { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public BlogVisibility Visibility { get; set; }
    public CommentModeration Moderation { get; set; }
    public Guid CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class BlogArticle
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid BlogId { get; set; }
    /// <summary>Unique within the blog; chosen from the title when first saved and kept afterwards (links stay valid).</summary>
    public required string Slug { get; set; }
    public required string Title { get; set; }
    /// <summary>Sanitized HTML (see BlogHtml): only what was left after cleaning is ever stored.</summary>
    public required string Body { get; set; }
    public Guid AuthorId { get; set; }
    public ArticleStatus Status { get; set; }
    /// <summary>The moderator's word when sending an article back (à revoir).</summary>
    public string? ReviewComment { get; set; }
    public Guid? ReviewedBy { get; set; }
    public Guid? CategoryId { get; set; }
    /// <summary>UTC; in the future, the published article stays hidden until then (scheduled).</summary>
    public DateTime PublishAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A pupil the author ticked as visible in the article's photos (droit à l'image).</summary>
public sealed class BlogArticlePupil
{
    public Guid ArticleId { get; set; }
    public Guid PupilId { get; set; }
}

public sealed class BlogCategory
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid BlogId { get; set; }
    public required string Name { get; set; }
}

/// <summary>A static page of the blog ("Notre classe"), written by its moderators.</summary>
public sealed class BlogPage
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid BlogId { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public int Position { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class BlogComment
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ArticleId { get; set; }
    public Guid AuthorId { get; set; }
    /// <summary>Plain text, encoded when shown.</summary>
    public required string Body { get; set; }
    public CommentStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// « Signaler » on an article or a comment: waits on the moderators' desk (/blogs/{slug}/a-valider) until one of them
/// hides the comment or keeps what was reported. The author is never told who reported.
/// </summary>
public sealed class BlogReport
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid BlogId { get; set; }
    public Guid ArticleId { get; set; }
    /// <summary>Null when the article itself is reported.</summary>
    public Guid? CommentId { get; set; }
    public Guid ReporterId { get; set; }
    public string? Reason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public Guid? ClosedBy { get; set; }
}

/// <summary>The parts of a school's public sheet (/ecoles/{uai}) written on the platform.</summary>
public sealed class SchoolSheet
{
    public Guid SchoolId { get; set; }
    /// <summary>Opening hours, by the director.</summary>
    public string? Hours { get; set; }
    /// <summary>The director's word to visitors.</summary>
    public string? DirectorMessage { get; set; }
    /// <summary>"Informations de la mairie" (canteen, périscolaire), by the collectivité's agents.</summary>
    public string? TownHallInfo { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class BlogConfiguration : IEntityTypeConfiguration<Blog>
{
    public void Configure(EntityTypeBuilder<Blog> b)
    {
        b.ToTable("blogs_blogs");
        b.Property(x => x.Slug).HasMaxLength(120);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(1000);
        b.HasIndex(x => x.Slug).IsUnique();
        b.HasIndex(x => new { x.ScopeType, x.ScopeId }).IsUnique();
        // By space alone, for the home page's counts over several kinds of spaces at once (ADR 0036).
        b.HasIndex(x => x.ScopeId);
        b.HasIndex(x => x.Visibility);
    }
}

internal sealed class BlogArticleConfiguration : IEntityTypeConfiguration<BlogArticle>
{
    public void Configure(EntityTypeBuilder<BlogArticle> b)
    {
        b.ToTable("blogs_articles");
        b.Property(x => x.Slug).HasMaxLength(120);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Body).HasMaxLength(100_000);
        b.Property(x => x.ReviewComment).HasMaxLength(2000);
        b.HasIndex(x => new { x.BlogId, x.Slug }).IsUnique();
        b.HasIndex(x => new { x.BlogId, x.Status, x.PublishAt });
        b.HasIndex(x => x.AuthorId);
    }
}

internal sealed class BlogArticlePupilConfiguration : IEntityTypeConfiguration<BlogArticlePupil>
{
    public void Configure(EntityTypeBuilder<BlogArticlePupil> b)
    {
        b.ToTable("blogs_article_pupils");
        b.HasKey(x => new { x.ArticleId, x.PupilId });
        b.HasIndex(x => x.PupilId);
    }
}

internal sealed class BlogCategoryConfiguration : IEntityTypeConfiguration<BlogCategory>
{
    public void Configure(EntityTypeBuilder<BlogCategory> b)
    {
        b.ToTable("blogs_categories");
        b.Property(x => x.Name).HasMaxLength(80);
        b.HasIndex(x => x.BlogId);
    }
}

internal sealed class BlogPageConfiguration : IEntityTypeConfiguration<BlogPage>
{
    public void Configure(EntityTypeBuilder<BlogPage> b)
    {
        b.ToTable("blogs_pages");
        b.Property(x => x.Slug).HasMaxLength(120);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Body).HasMaxLength(100_000);
        b.HasIndex(x => new { x.BlogId, x.Slug }).IsUnique();
    }
}

internal sealed class BlogCommentConfiguration : IEntityTypeConfiguration<BlogComment>
{
    public void Configure(EntityTypeBuilder<BlogComment> b)
    {
        b.ToTable("blogs_comments");
        b.Property(x => x.Body).HasMaxLength(4000);
        b.HasIndex(x => new { x.ArticleId, x.Status, x.CreatedAt });
    }
}

internal sealed class BlogReportConfiguration : IEntityTypeConfiguration<BlogReport>
{
    public void Configure(EntityTypeBuilder<BlogReport> b)
    {
        b.ToTable("blogs_reports");
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.HasIndex(x => new { x.BlogId, x.ClosedAt });
        b.HasIndex(x => new { x.ArticleId, x.CommentId, x.ReporterId });
        b.HasOne<BlogArticle>().WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SchoolSheetConfiguration : IEntityTypeConfiguration<SchoolSheet>
{
    public void Configure(EntityTypeBuilder<SchoolSheet> b)
    {
        b.ToTable("blogs_school_sheets");
        b.HasKey(x => x.SchoolId);
        b.Property(x => x.Hours).HasMaxLength(2000);
        b.Property(x => x.DirectorMessage).HasMaxLength(4000);
        b.Property(x => x.TownHallInfo).HasMaxLength(4000);
    }
}
