using System.Linq.Expressions;
using Preau.Web.Modules.Documents.Data;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Documents;

/// <summary>
/// For the home page: files added to the shared documents of the person's spaces (by someone else), not in the trash.
/// A folder put in the trash is the only one marked (its content goes with it): files directly inside it are left out
/// here, those deeper in its sub-folders still count until the trash is emptied.
/// </summary>
internal sealed class DocumentNewItems : INewItemsSource
{
    public Expression<Func<PreauDbContext, NewItemsRequest, IQueryable<NewItem>>> Query { get; } = (db, r) =>
        from f in db.DocFiles
        where (f.SpaceType == DocSpaceType.Class || f.SpaceType == DocSpaceType.School || f.SpaceType == DocSpaceType.Group) && r.Spaces.Contains(f.SpaceId)
            && f.CreatedAt > r.Since && f.CreatedAt <= r.Now && f.TrashedAt == null && f.CreatedById != r.PersonId
            && (f.FolderId == null || db.DocFolders.Any(d => d.Id == f.FolderId && d.TrashedAt == null))
        select new NewItem { Service = ServiceKeys.Documents, Kind = NewKind.Document, SpaceId = f.SpaceId, At = f.CreatedAt };
}
