using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Preau.Web.Modules.People.Data;

namespace Preau.Web.Modules.Albums.Data;

/// <summary>A photo album of a class, a school or a group; private to that space's members.</summary>
public sealed class Album
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>Class, School or Group.</summary>
    public ScopeType ScopeType { get; set; }
    public Guid ScopeId { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public Guid CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// One photo. Its content is three files of the files service (purpose <c>albums.photo</c>, owner the photo): the
/// sanitized original, then a thumbnail and a display size made by the background job (null until then).
/// </summary>
public sealed class Photo
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid AlbumId { get; set; }
    /// <summary>Order in the album (upload order).</summary>
    public int Position { get; set; }
    public string? Caption { get; set; }
    public Guid OriginalFileId { get; set; }
    public Guid? ThumbFileId { get; set; }
    public Guid? DisplayFileId { get; set; }
    public Guid UploadedById { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A pupil the teacher marked as visible in a photo (checked against the pupil's photo authorisation).</summary>
public sealed class PhotoTag
{
    public Guid PhotoId { get; set; }
    public Guid PupilId { get; set; }
}

/// <summary>
/// A durable request to make a photo's thumbnail and display size. Rows survive a restart; a worker claims a row with a
/// lease, so that two workers never process it together and a crashed worker's row is taken again after the lease.
/// </summary>
public sealed class ThumbnailJob
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PhotoId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public Guid? LeaseId { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public DateTime? DoneAt { get; set; }
    /// <summary>Why the job gave up (unreadable image), for the operators; never personal data.</summary>
    public string? Error { get; set; }
}

internal sealed class AlbumConfiguration : IEntityTypeConfiguration<Album>
{
    public void Configure(EntityTypeBuilder<Album> b)
    {
        b.ToTable("albums_albums");
        b.Property(x => x.Title).HasMaxLength(150);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.HasIndex(x => new { x.ScopeType, x.ScopeId, x.CreatedAt });
        // By space alone, for the home page's counts over several kinds of spaces at once (ADR 0036).
        b.HasIndex(x => x.ScopeId);
    }
}

internal sealed class PhotoConfiguration : IEntityTypeConfiguration<Photo>
{
    public void Configure(EntityTypeBuilder<Photo> b)
    {
        b.ToTable("albums_photos");
        b.Property(x => x.Caption).HasMaxLength(300);
        b.HasIndex(x => new { x.AlbumId, x.Position });
        // The home page's « nouvelles photos »: an album's photos of the last month, without reading the others (ADR 0036).
        b.HasIndex(x => new { x.AlbumId, x.CreatedAt });
        b.HasOne<Album>().WithMany().HasForeignKey(x => x.AlbumId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PhotoTagConfiguration : IEntityTypeConfiguration<PhotoTag>
{
    public void Configure(EntityTypeBuilder<PhotoTag> b)
    {
        b.ToTable("albums_photo_tags");
        b.HasKey(x => new { x.PhotoId, x.PupilId });
        b.HasIndex(x => x.PupilId);
        b.HasOne<Photo>().WithMany().HasForeignKey(x => x.PhotoId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ThumbnailJobConfiguration : IEntityTypeConfiguration<ThumbnailJob>
{
    public void Configure(EntityTypeBuilder<ThumbnailJob> b)
    {
        b.ToTable("albums_thumbnail_jobs");
        b.Property(x => x.Error).HasMaxLength(300);
        b.HasIndex(x => new { x.DoneAt, x.NextAttemptAt });
        b.HasIndex(x => x.PhotoId);
        b.HasIndex(x => x.LeaseId);
    }
}
