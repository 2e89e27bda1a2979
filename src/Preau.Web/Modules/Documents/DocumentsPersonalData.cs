using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Documents.Data;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Documents;

/// <summary>
/// « Mes documents »: the person's own space, its folders, files and their shares, and what others shared with them.
/// What they put in a class's, school's or group's space belongs to that space and stays.
/// </summary>
internal sealed class DocumentsPersonalData(PreauDbContext db) : IPersonalDataErasure
{
    public async Task EraseAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        var ids = personIds.ToList();
        var files = db.DocFiles.Where(f => f.SpaceType == DocSpaceType.Person && ids.Contains(f.SpaceId)).Select(f => f.Id);
        var folders = db.DocFolders.Where(f => f.SpaceType == DocSpaceType.Person && ids.Contains(f.SpaceId)).Select(f => f.Id);
        await db.DocShares.Where(s => (s.PersonId != null && ids.Contains(s.PersonId.Value))
            || (s.FileId != null && files.Contains(s.FileId.Value)) || (s.FolderId != null && folders.Contains(s.FolderId.Value))).ExecuteDeleteAsync(ct);
        await db.DocFiles.Where(f => f.SpaceType == DocSpaceType.Person && ids.Contains(f.SpaceId)).ExecuteDeleteAsync(ct);
        await db.DocFolders.Where(f => f.SpaceType == DocSpaceType.Person && ids.Contains(f.SpaceId)).ExecuteDeleteAsync(ct);
    }
}
