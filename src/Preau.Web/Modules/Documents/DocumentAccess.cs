using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Documents.Data;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Documents;

/// <summary>What the current person may do in a space or on an item.</summary>
/// <param name="Read">Sees and downloads (outsiders get 404).</param>
/// <param name="Write">Uploads, creates folders, renames, puts in the trash.</param>
/// <param name="Manage">Writer of the whole space: also moves, shares, restores and empties the trash (not given by a share).</param>
public sealed record DocRights(bool Read, bool Write, bool Manage)
{
    public static readonly DocRights None = new(false, false, false);
    public static readonly DocRights Reader = new(true, false, false);
    public static readonly DocRights Owner = new(true, true, true);
}

/// <summary>A space: its kind, id, name and root address.</summary>
public sealed record DocSpace(DocSpaceType Type, Guid Id, string Name)
{
    /// <summary>The address of the space's root: /documents for one's own, /classe/{id}/documents for a class…</summary>
    public string Url(Guid viewer) => Type switch
    {
        DocSpaceType.Person when Id == viewer => "/documents",
        DocSpaceType.Person => "/documents/partages",
        DocSpaceType.Class => $"/classe/{Id}/documents",
        DocSpaceType.School => $"/ecole/{Id}/documents",
        _ => $"/groupe/{Id}/documents",
    };

    public QuotaScope Quota => Type switch
    {
        DocSpaceType.Person => QuotaScope.Person(Id),
        DocSpaceType.Class => QuotaScope.Class(Id),
        DocSpaceType.School => QuotaScope.School(Id),
        _ => QuotaScope.Group(Id),
    };
}

/// <summary>
/// Who reads and writes documents. Personal space: its owner only. Class: its teachers and the school's director write
/// (not for a class of an archived year); its pupils and their families read — pupils do not upload to the class space
/// (hand-in of work is the homework drop box's job). School: staff write; pupils and families of its classes read.
/// Group: owners, moderators and contributors write, members and readers read. On top of that, a share gives a person
/// (or the members of a group) reading or editing rights on a file or a folder and everything inside it. A trashed item
/// opens for nobody: the space's managers see it on the trash page and restore it.
/// </summary>
public sealed class DocumentAccess(AccessContext context, ScopeAccess scopes, PreauDbContext db, TimeProvider time, IServiceSwitches switches)
{
    public const string Purpose = "documents.file";
    /// <summary>Folders deeper than this are not walked for shares (and not created).</summary>
    public const int MaxDepth = 20;

    public async Task<DocRights> ForSpaceAsync(DocSpaceType type, Guid id, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        if (a.PersonId == Guid.Empty || await SwitchedOffAsync(type, id, ct))
        {
            return DocRights.None;
        }
        switch (type)
        {
            case DocSpaceType.Person:
                return id == a.PersonId ? DocRights.Owner : DocRights.None;
            case DocSpaceType.Class:
            {
                var schoolId = a.SchoolOfClass(id) ?? await db.Classes.Where(c => c.Id == id).Select(c => (Guid?)c.SchoolId).FirstOrDefaultAsync(ct);
                if (schoolId is null)
                {
                    return DocRights.None;
                }
                var staff = a.StaffClassIds.Contains(id) || a.IsDirectorOf(schoolId.Value);
                var read = staff || a.PupilClassIds.Contains(id) || a.ChildClassIds.Contains(id) || a.PartnerMay(id, ServiceKeys.Documents);
                var write = staff && await scopes.CanManageClassAsync(id, ct);
                return new DocRights(read, write, write);
            }
            case DocSpaceType.School:
            {
                var staff = a.IsStaffOfSchool(id);
                var read = staff || a.PupilClassIds.Concat(a.ChildClassIds).Any(c => a.SchoolOfClass(c) == id);
                return new DocRights(read, staff, staff);
            }
            case DocSpaceType.Group:
            {
                if (!a.GroupIds.Contains(id))
                {
                    return DocRights.None;
                }
                var today = Platform.Time.ParisDate.Today(time);
                var role = await db.GroupMembers.AsNoTracking()
                    .Where(m => m.GroupId == id && m.PersonId == a.PersonId && (m.EndsOn == null || m.EndsOn >= today))
                    .Select(m => (GroupRole?)m.Role).FirstOrDefaultAsync(ct);
                var write = role is GroupRole.Owner or GroupRole.Moderator or GroupRole.Contributor;
                return new DocRights(true, write, write);
            }
            default:
                return DocRights.None;
        }
    }

    /// <summary>A class's, school's or group's documents switched off (a person's own space never is).</summary>
    private async Task<bool> SwitchedOffAsync(DocSpaceType type, Guid id, CancellationToken ct) => type switch
    {
        DocSpaceType.Class => !await switches.IsOnAsync(ServiceKeys.Documents, ScopeType.Class, id, ct),
        DocSpaceType.School => !await switches.IsOnAsync(ServiceKeys.Documents, ScopeType.School, id, ct),
        DocSpaceType.Group => !await switches.IsOnAsync(ServiceKeys.Documents, ScopeType.Group, id, ct),
        _ => false,
    };

    public async Task<string> SpaceNameAsync(DocSpaceType type, Guid id, CancellationToken ct = default) => type switch
    {
        DocSpaceType.Person => await db.Persons.Where(p => p.Id == id).Select(p => p.FirstName + " " + p.LastName).FirstOrDefaultAsync(ct) ?? "",
        DocSpaceType.Class => await db.Classes.Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "",
        DocSpaceType.School => await db.Schools.Where(s => s.Id == id).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? "",
        _ => await db.Groups.Where(g => g.Id == id).Select(g => g.Name).FirstOrDefaultAsync(ct) ?? "",
    };

    /// <summary>The folder and its ancestors, the folder first (one query per level, bounded by <see cref="MaxDepth"/>).</summary>
    public async Task<IReadOnlyList<DocFolder>> ChainAsync(Guid? folderId, CancellationToken ct = default)
    {
        var chain = new List<DocFolder>();
        while (folderId is { } id && chain.Count < MaxDepth)
        {
            var folder = await db.DocFolders.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
            if (folder is null)
            {
                break;
            }
            chain.Add(folder);
            folderId = folder.ParentId;
        }
        return chain;
    }

    /// <summary>
    /// Rights on something in a folder chain (the item's own share ids first): the space's rights, widened by shares of
    /// the item or of any folder above it. Trashed (itself or above): nobody.
    /// </summary>
    private async Task<DocRights> ForChainAsync(DocSpaceType type, Guid spaceId, bool trashed, Guid? fileId, IReadOnlyList<DocFolder> chain, CancellationToken ct)
    {
        // In the trash (itself or a folder above): listed on the trash page only, opened by nobody until restored.
        // Nor when the space switched its documents off: its shares are off with it (ADR 0028).
        if (trashed || chain.Any(f => f.TrashedAt != null) || await SwitchedOffAsync(type, spaceId, ct))
        {
            return DocRights.None;
        }
        var space = await ForSpaceAsync(type, spaceId, ct);
        if (space.Write)
        {
            return space;
        }
        var share = await ShareOnAsync(fileId, [.. chain.Select(f => f.Id)], ct);
        return share switch
        {
            true => new DocRights(true, true, false),
            false => DocRights.Reader,
            null => space,
        };
    }

    /// <summary>The best share the current person has on the file or these folders: true = edit, false = read, null = none.</summary>
    private async Task<bool?> ShareOnAsync(Guid? fileId, IReadOnlyList<Guid> folderIds, CancellationToken ct)
    {
        var a = await context.GetAsync(ct);
        var groups = a.GroupIds.ToList();
        var shares = await db.DocShares.AsNoTracking()
            .Where(s => (s.FileId != null && s.FileId == fileId) || (s.FolderId != null && folderIds.Contains(s.FolderId.Value)))
            .Where(s => s.PersonId == a.PersonId || (s.GroupId != null && groups.Contains(s.GroupId.Value)))
            .Select(s => s.CanEdit).ToListAsync(ct);
        return shares.Count == 0 ? null : shares.Any(e => e);
    }

    /// <summary>A folder, its ancestors and the person's rights on it; null when they may not read it (answer 404).</summary>
    public async Task<(IReadOnlyList<DocFolder> Chain, DocRights Rights)?> OpenFolderAsync(Guid folderId, CancellationToken ct = default)
    {
        var chain = await ChainAsync(folderId, ct);
        if (chain.Count == 0)
        {
            return null;
        }
        var rights = await ForChainAsync(chain[0].SpaceType, chain[0].SpaceId, false, null, chain, ct);
        return rights.Read ? (chain, rights) : null;
    }

    /// <summary>A document, the chain of its folder and the person's rights on it; null when they may not read it.</summary>
    public async Task<(DocFile File, IReadOnlyList<DocFolder> Chain, DocRights Rights)?> OpenFileAsync(Guid fileId, CancellationToken ct = default)
    {
        var file = await db.DocFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct);
        if (file is null)
        {
            return null;
        }
        var chain = await ChainAsync(file.FolderId, ct);
        var rights = await ForChainAsync(file.SpaceType, file.SpaceId, file.TrashedAt != null, file.Id, chain, ct);
        return rights.Read ? (file, chain, rights) : null;
    }
}

/// <summary>Who reads a document's stored file at /fichiers/{id}: whoever may open the document.</summary>
internal sealed class DocumentFileAccess(DocumentAccess access, PreauDbContext db) : IFileAccessPolicy
{
    public string Purpose => DocumentAccess.Purpose;

    public async Task<bool> MayReadAsync(Guid ownerId, CancellationToken ct = default) =>
        await access.OpenFileAsync(ownerId, ct) is not null;

    public async Task<IReadOnlySet<Guid>> ExistingOwnersAsync(IReadOnlyCollection<Guid> ownerIds, CancellationToken ct = default)
    {
        var ids = ownerIds.ToList();
        return (await db.DocFiles.AsNoTracking().Where(f => ids.Contains(f.Id)).Select(f => f.Id).ToListAsync(ct)).ToHashSet();
    }
}
