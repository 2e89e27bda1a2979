using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Albums;

/// <summary>Albums: the photos where the pupil is tagged, and the photos the person put in albums.</summary>
internal sealed class AlbumsPersonalData(PreauDbContext db) : IPersonalDataSection
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
}
