using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Albums;

/// <summary>Albums: the photos where the pupil is tagged, and the photos the person put in albums.</summary>
internal sealed class AlbumsPersonalData(PreauDbContext db) : IPersonalDataSection, IPersonalDataErasure
{
    public string Name => "Albums";

    public async Task<object> ReadAsync(Guid personId, CancellationToken ct)
    {
        var tagged = await (from t in db.AlbumPhotoTags.AsNoTracking()
                            where t.PupilId == personId
                            join p in db.AlbumPhotos.AsNoTracking() on t.PhotoId equals p.Id
                            join a in db.Albums.AsNoTracking() on p.AlbumId equals a.Id
                            orderby p.CreatedAt descending
                            select new { Album = a.Title, p.Caption, p.CreatedAt }).ToListAsync(ct);
        var added = await (from p in db.AlbumPhotos.AsNoTracking()
                           where p.UploadedById == personId
                           join a in db.Albums.AsNoTracking() on p.AlbumId equals a.Id
                           orderby p.CreatedAt descending
                           select new { Album = a.Title, p.Caption, p.CreatedAt }).ToListAsync(ct);
        return new { PhotosWhereTagged = tagged, PhotosAdded = added };
    }

    /// <summary>Where the pupil is tagged; the class's photos stay (the tag said who was in them).</summary>
    public async Task EraseAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        var ids = personIds.ToList();
        await db.AlbumPhotoTags.Where(t => ids.Contains(t.PupilId)).ExecuteDeleteAsync(ct);
    }
}
