using System.Linq.Expressions;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Albums;

/// <summary>
/// For the home page: photos added to the albums of the person's spaces (by someone else); a photo showing a pupil
/// without photo authorisation counts only for the space's staff, who alone see it (<see cref="AlbumAccess"/>).
/// </summary>
internal sealed class AlbumNewItems : INewItemsSource
{
    public Expression<Func<PreauDbContext, NewItemsRequest, IQueryable<NewItem>>> Query { get; } = (db, r) =>
        from p in db.AlbumPhotos
        where p.CreatedAt > r.Since && p.CreatedAt <= r.Now && p.UploadedById != r.PersonId
        join a in db.Albums on p.AlbumId equals a.Id
        where (a.ScopeType == ScopeType.Class || a.ScopeType == ScopeType.School || a.ScopeType == ScopeType.Group) && r.Spaces.Contains(a.ScopeId)
            && (r.StaffSpaces.Contains(a.ScopeId) || !AlbumAccess.IsRestricted.Inline(db, p.Id))
        select new NewItem { Service = ServiceKeys.Albums, Kind = NewKind.Photo, SpaceId = a.ScopeId, At = p.CreatedAt };
}
