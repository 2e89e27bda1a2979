using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Albums.Data;
using Preau.Web.Modules.Albums.Thumbnails;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Albums;

/// <summary>One upload as the use case sees it: a stream and the name the browser gave.</summary>
public sealed record PhotoUploadItem(string FileName, Func<Stream> Open);

/// <summary>What an upload did: photos added, and a French message for each file refused.</summary>
public sealed record PhotoUploadResult(IReadOnlyList<Guid> Added, IReadOnlyList<string> Refused);

/// <summary>
/// The use cases that change albums. Rights are checked by the callers (pages) through <see cref="AlbumAccess"/>;
/// the person acting is passed in, so that the benchmark and the demo use exactly the same path as the page.
/// </summary>
public sealed class AlbumActions(PreauDbContext db, IFileService files, ThumbnailSignal signal, TimeProvider time)
{
    public const int MaxFilesPerPost = 100;
    /// <summary>A form post with many photos: up to 100 files of the default 10 Mio limit would not fit; 300 Mio is the cap.</summary>
    public const long MaxRequestBytes = 300L * 1024 * 1024;

    public async Task<Album> CreateAsync(ScopeType scope, Guid scopeId, string title, string? description, Guid authorId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var album = new Album
        {
            ScopeType = scope, ScopeId = scopeId, Title = title.Trim(), Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            CreatedById = authorId, CreatedAt = now, UpdatedAt = now,
        };
        db.Albums.Add(album);
        await db.SaveChangesAsync(ct);
        return album;
    }

    /// <summary>
    /// Stores each image through the files service (checked by content, re-encoded without metadata) and queues its
    /// thumbnails. Each file stands alone: a refused file (not an image, too large, quota) does not undo the others.
    /// </summary>
    public async Task<PhotoUploadResult> AddPhotosAsync(Album album, IReadOnlyList<PhotoUploadItem> uploads, Guid uploaderId, CancellationToken ct = default)
    {
        var refused = new List<string>();
        var added = new List<Photo>();
        var next = (await db.AlbumPhotos.Where(p => p.AlbumId == album.Id).MaxAsync(p => (int?)p.Position, ct) ?? 0) + 1;
        var quota = AlbumAccess.QuotaOf(album);
        foreach (var upload in uploads)
        {
            var photoId = Guid.NewGuid();
            SaveFileResult saved;
            await using (var stream = upload.Open())
            {
                saved = await files.SaveAsync(stream, upload.FileName, AlbumAccess.Purpose, photoId, quota, uploaderId, ct);
            }
            if (saved.File is null)
            {
                refused.Add(saved.Error!);
                continue;
            }
            if (!saved.File.IsImage)
            {
                await files.DeleteAsync(saved.File.Id, ct);
                refused.Add($"« {saved.File.Name} » n'est pas une photo : seules les images JPEG, PNG, WebP ou GIF sont acceptées.");
                continue;
            }
            var now = time.GetUtcNow().UtcDateTime;
            added.Add(new Photo
            {
                Id = photoId, AlbumId = album.Id, Position = next++, OriginalFileId = saved.File.Id, UploadedById = uploaderId, CreatedAt = now,
            });
        }
        if (added.Count > 0)
        {
            var now = time.GetUtcNow().UtcDateTime;
            db.AlbumPhotos.AddRange(added);
            db.AlbumThumbnailJobs.AddRange(added.Select(p => new ThumbnailJob { PhotoId = p.Id, CreatedAt = now, NextAttemptAt = now }));
            await db.Albums.Where(a => a.Id == album.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.UpdatedAt, now), ct);
            await db.SaveChangesAsync(ct);
            signal.Wake();
        }
        return new PhotoUploadResult([.. added.Select(p => p.Id)], refused);
    }

    /// <summary>Replaces a photo's caption and tagged pupils (only pupils of <paramref name="taggable"/> are kept).</summary>
    public async Task UpdatePhotoAsync(Guid photoId, string? caption, IEnumerable<Guid> pupilIds, IReadOnlySet<Guid> taggable, CancellationToken ct = default)
    {
        var photo = await db.AlbumPhotos.FirstAsync(p => p.Id == photoId, ct);
        photo.Caption = string.IsNullOrWhiteSpace(caption) ? null : caption.Trim();
        var wanted = pupilIds.Where(taggable.Contains).ToHashSet();
        var current = await db.AlbumPhotoTags.Where(t => t.PhotoId == photoId).ToListAsync(ct);
        db.AlbumPhotoTags.RemoveRange(current.Where(t => !wanted.Contains(t.PupilId)));
        db.AlbumPhotoTags.AddRange(wanted.Where(id => current.All(t => t.PupilId != id)).Select(id => new PhotoTag { PhotoId = photoId, PupilId = id }));
        await db.SaveChangesAsync(ct);
    }

    public async Task DeletePhotoAsync(Guid photoId, CancellationToken ct = default)
    {
        await db.AlbumThumbnailJobs.Where(j => j.PhotoId == photoId).ExecuteDeleteAsync(ct);
        await db.AlbumPhotoTags.Where(t => t.PhotoId == photoId).ExecuteDeleteAsync(ct);
        await db.AlbumPhotos.Where(p => p.Id == photoId).ExecuteDeleteAsync(ct);
        await files.DeleteOwnerAsync(AlbumAccess.Purpose, photoId, ct);
    }

    public async Task DeleteAlbumAsync(Guid albumId, CancellationToken ct = default)
    {
        var photoIds = await db.AlbumPhotos.Where(p => p.AlbumId == albumId).Select(p => p.Id).ToListAsync(ct);
        foreach (var id in photoIds)
        {
            await DeletePhotoAsync(id, ct);
        }
        await db.Albums.Where(a => a.Id == albumId).ExecuteDeleteAsync(ct);
    }
}
