using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Albums.Data;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Albums;

/// <summary>What the current person may do with the albums of one space.</summary>
/// <param name="Read">Sees the albums (outsiders get 404).</param>
/// <param name="Write">Creates albums, uploads, tags, deletes.</param>
/// <param name="SeesRestricted">Staff of the space: also sees photos showing a pupil without photo authorisation.</param>
public sealed record AlbumRights(bool Read, bool Write, bool SeesRestricted)
{
    public static readonly AlbumRights None = new(false, false, false);
}

/// <summary>
/// Who reads and writes albums. Class: its teachers and the school's director write, its other staff (ATSEM) see everything,
/// the class's pupils and their guardians read. School: staff write, pupils and families of its classes read. Group:
/// owners and moderators write, members read. A photo tagged with a pupil whose photo authorisation is not recorded as
/// given is shown to staff only (ONDE "Autorisation photo": unknown is treated as no).
/// </summary>
public sealed class AlbumAccess(AccessContext context, ScopeAccess scopes, PreauDbContext db, TimeProvider time, IServiceSwitches switches)
{
    public const string Purpose = "albums.photo";

    public async Task<AlbumRights> ForScopeAsync(ScopeType type, Guid id, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        if (!await switches.IsOnAsync(ServiceKeys.Albums, type, id, ct))
        {
            // Switched off (ADR 0028): the albums, their photos and thumbnails are out of reach until it is back on.
            return AlbumRights.None;
        }
        switch (type)
        {
            case ScopeType.Class:
            {
                var schoolId = a.SchoolOfClass(id) ?? await db.Classes.Where(c => c.Id == id).Select(c => (Guid?)c.SchoolId).FirstOrDefaultAsync(ct);
                if (schoolId is null)
                {
                    return AlbumRights.None;
                }
                // The class's own staff and the director; not every teacher of the school.
                var staff = a.StaffClassIds.Contains(id) || a.IsDirectorOf(schoolId.Value);
                // A partner invited into the class reads like a family: photos of pupils without authorisation stay hidden.
                var read = staff || a.PupilClassIds.Contains(id) || a.ChildClassIds.Contains(id) || a.PartnerMay(id, ServiceKeys.Albums);
                var write = staff && await scopes.CanManageClassAsync(id, ct);
                return new AlbumRights(read, write, staff);
            }
            case ScopeType.School:
            {
                var staff = a.IsStaffOfSchool(id);
                var read = staff || a.PupilClassIds.Concat(a.ChildClassIds).Any(c => a.SchoolOfClass(c) == id);
                return new AlbumRights(read, staff, staff);
            }
            case ScopeType.Group:
            {
                if (!a.GroupIds.Contains(id))
                {
                    return AlbumRights.None;
                }
                var today = Platform.Time.ParisDate.Today(time);
                var role = await db.GroupMembers.AsNoTracking()
                    .Where(m => m.GroupId == id && m.PersonId == a.PersonId && (m.EndsOn == null || m.EndsOn >= today))
                    .Select(m => (GroupRole?)m.Role).FirstOrDefaultAsync(ct);
                var owner = role is GroupRole.Owner or GroupRole.Moderator;
                return new AlbumRights(true, owner, owner);
            }
            default:
                return AlbumRights.None;
        }
    }

    // Compiled once: an album page and each of its uploads open it (ADR 0019).
    private static readonly Func<PreauDbContext, Guid, CancellationToken, Task<Album?>> ById = EF.CompileAsyncQuery(
        (PreauDbContext db, Guid albumId, CancellationToken ct) => db.Albums.AsNoTracking().FirstOrDefault(x => x.Id == albumId));

    /// <summary>The album and the person's rights on it; null when the person may not read it (answer 404).</summary>
    public async Task<(Album Album, AlbumRights Rights)?> OpenAsync(Guid albumId, CancellationToken ct = default)
    {
        var album = await ById(db, albumId, ct);
        if (album is null)
        {
            return null;
        }
        var rights = await ForScopeAsync(album.ScopeType, album.ScopeId, ct);
        return rights.Read ? (album, rights) : null;
    }

    /// <summary>The photos of an album this person sees, in album order.</summary>
    public IQueryable<Photo> Visible(Guid albumId, AlbumRights rights)
    {
        var photos = db.AlbumPhotos.AsNoTracking().Where(p => p.AlbumId == albumId);
        return rights.SeesRestricted ? photos : photos.Where(p => !Restricted(db).Any(t => t.PhotoId == p.Id));
    }

    /// <summary>Tags of pupils without a recorded photo authorisation: such a photo is for staff only.</summary>
    internal static IQueryable<PhotoTag> Restricted(PreauDbContext db) =>
        db.AlbumPhotoTags.Where(t => db.Persons.Any(pe => pe.Id == t.PupilId && pe.PhotoAllowed != true));

    /// <summary>The same rule for one photo, as a piece of a compiled query (<c>QueryTemplate</c>): keep both in step.</summary>
    internal static readonly Expression<Func<PreauDbContext, Guid, bool>> IsRestricted = (db, photoId) =>
        db.AlbumPhotoTags.Any(t => t.PhotoId == photoId && db.Persons.Any(pe => pe.Id == t.PupilId && pe.PhotoAllowed != true));

    public static QuotaScope QuotaOf(Album album) => album.ScopeType switch
    {
        ScopeType.Class => QuotaScope.Class(album.ScopeId),
        ScopeType.School => QuotaScope.School(album.ScopeId),
        _ => QuotaScope.Group(album.ScopeId),
    };

    /// <summary>"classe", "ecole", "groupe": the first segment of the space's addresses.</summary>
    public static string Segment(ScopeType type) => type switch
    {
        ScopeType.Class => "classe",
        ScopeType.School => "ecole",
        _ => "groupe",
    };

    public async Task<string> ScopeNameAsync(ScopeType type, Guid id, CancellationToken ct = default)
    {
        // The classes and schools a person reaches are named by the cached access: no query for them.
        var a = await context.GetAsync(ct);
        if (type == ScopeType.Class && a.Classes.TryGetValue(id, out var reached))
        {
            return reached.Name;
        }
        if (type == ScopeType.School && a.SchoolNames.TryGetValue(id, out var school))
        {
            return school;
        }
        return await StoredScopeNameAsync(type, id, ct);
    }

    private async Task<string> StoredScopeNameAsync(ScopeType type, Guid id, CancellationToken ct) => type switch
    {
        ScopeType.Class => await db.Classes.Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "",
        ScopeType.School => await db.Schools.Where(s => s.Id == id).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? "",
        _ => await db.Groups.Where(g => g.Id == id).Select(g => g.Name).FirstOrDefaultAsync(ct) ?? "",
    };

    /// <summary>The pupils a writer may tag in a photo of this space: the class's, the school's, or the group's pupils.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name, bool PhotoAllowed)>> TaggablePupilsAsync(Album album, CancellationToken ct = default)
    {
        var pupils = db.Memberships.AsNoTracking().Where(m => m.Role == Role.Pupil);
        var ids = album.ScopeType switch
        {
            ScopeType.Class => pupils.Where(m => m.ScopeType == ScopeType.Class && m.ScopeId == album.ScopeId).Select(m => m.PersonId),
            ScopeType.School => pupils.Where(m => m.ScopeType == ScopeType.Class && db.Classes.Any(c => c.Id == m.ScopeId && c.SchoolId == album.ScopeId)).Select(m => m.PersonId),
            _ => db.GroupMembers.AsNoTracking().Where(g => g.GroupId == album.ScopeId && db.Users.Any(u => u.Id == g.PersonId && u.IsPupil)).Select(g => g.PersonId),
        };
        var rows = await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id))
            .OrderBy(p => p.LastName).ThenBy(p => p.FirstName)
            .Select(p => new { p.Id, p.FirstName, p.LastName, p.PhotoAllowed }).ToListAsync(ct);
        return [.. rows.Select(r => (r.Id, $"{r.FirstName} {r.LastName}", r.PhotoAllowed == true))];
    }
}

/// <summary>Who reads a photo's files: whoever may see that photo in its album.</summary>
internal sealed class PhotoFileAccess(AlbumAccess access, PreauDbContext db) : IFileAccessPolicy
{
    public string Purpose => AlbumAccess.Purpose;

    private sealed record PhotoPlace(ScopeType ScopeType, Guid ScopeId, bool Restricted);

    // Compiled once: every thumbnail of an album page runs it (ADR 0019).
    private static readonly Func<PreauDbContext, Guid, CancellationToken, Task<PhotoPlace?>> Place = EF.CompileAsyncQuery(
        QueryTemplate.Expand<Func<PreauDbContext, Guid, CancellationToken, PhotoPlace?>>((db, ownerId, ct) =>
            (from p in db.AlbumPhotos.AsNoTracking()
             where p.Id == ownerId
             join a in db.Albums.AsNoTracking() on p.AlbumId equals a.Id
             select new PhotoPlace(a.ScopeType, a.ScopeId, AlbumAccess.IsRestricted.Inline(db, p.Id))).FirstOrDefault()));

    public async Task<bool> MayReadAsync(Guid ownerId, CancellationToken ct = default)
    {
        // An album page asks for each of its thumbnails: the photo's space and whether it shows a pupil without photo
        // authorisation come in one query, then the rules of AlbumAccess (Read; restricted photos for staff only).
        var photo = await Place(db, ownerId, ct);
        if (photo is null)
        {
            return false;
        }
        var rights = await access.ForScopeAsync(photo.ScopeType, photo.ScopeId, ct);
        return rights.Read && (rights.SeesRestricted || !photo.Restricted);
    }

    public async Task<IReadOnlySet<Guid>> ExistingOwnersAsync(IReadOnlyCollection<Guid> ownerIds, CancellationToken ct = default)
    {
        var ids = ownerIds.ToList();
        return (await db.AlbumPhotos.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
    }
}
