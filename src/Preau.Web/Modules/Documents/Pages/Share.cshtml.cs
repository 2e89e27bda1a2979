using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Communication.Contracts;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Documents.Pages;

/// <summary>
/// Sharing a file or a folder (and all it contains), to read or to edit, with people the person may reach (the
/// communication rules decide, as for messages) or with a group they belong to. Writers of the item's space only.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ShareModel(PreauDbContext db, DocumentAccess access, DocumentActions actions, CommunicationRules rules, AccessContext context) : PageModel
{
    public sealed record ShareRow(Guid Id, string Who, bool CanEdit);

    public string ItemName { get; private set; } = "";
    public string ItemUrl { get; private set; } = "";
    public bool IsFolder { get; private set; }
    public IReadOnlyList<ShareRow> Shares { get; private set; } = [];
    public IReadOnlyList<Reachable> Found { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Groups { get; private set; } = [];
    public string? Query { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string what, Guid id, string? q, CancellationToken ct)
    {
        if (!await LoadAsync(what, id, ct))
        {
            return NotFound();
        }
        Query = q?.Trim();
        if (!string.IsNullOrEmpty(Query))
        {
            var a = await context.GetAsync(ct);
            (Found, _) = await rules.ReachableAsync(a.PersonId, Query, 0, 20, ct);
        }
        return Page();
    }

    /// <summary><paramref name="target"/> is "p:{person id}" or "g:{group id}".</summary>
    public async Task<IActionResult> OnPostAddAsync(string what, Guid id, string? target, bool edit, CancellationToken ct)
    {
        if (!await LoadAsync(what, id, ct))
        {
            return NotFound();
        }
        var a = await context.GetAsync(ct);
        Guid? personId = null, groupId = null;
        if (target?.Length > 2 && Guid.TryParse(target[2..], out var targetId))
        {
            if (target.StartsWith("p:", StringComparison.Ordinal)
                && (await rules.ReachableWithinAsync(a.PersonId, null, db.Persons.Where(p => p.Id == targetId).Select(p => p.Id), 0, 1, ct)).Total > 0)
            {
                personId = targetId;
            }
            else if (target.StartsWith("g:", StringComparison.Ordinal) && Groups.Any(g => g.Id == targetId))
            {
                groupId = targetId;
            }
        }
        if (personId is null && groupId is null)
        {
            Errors = ["Choisissez une personne que vous pouvez contacter, ou l'un de vos groupes."];
            return Page();
        }
        await actions.ShareAsync(IsFolder ? id : null, IsFolder ? null : id, personId, groupId, edit, a.PersonId, ct);
        Notice = edit ? "Partage enregistré : lecture et modification." : "Partage enregistré : lecture seule.";
        return Redirect(Request.Path);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string what, Guid id, Guid share, CancellationToken ct)
    {
        if (!await LoadAsync(what, id, ct) || Shares.All(s => s.Id != share))
        {
            return NotFound();
        }
        await actions.UnshareAsync(share, ct);
        Notice = "Le partage a été retiré.";
        return Redirect(Request.Path);
    }

    private async Task<bool> LoadAsync(string what, Guid id, CancellationToken ct)
    {
        IsFolder = what == "dossier";
        if (IsFolder)
        {
            if (await access.OpenFolderAsync(id, ct) is not { Rights.Manage: true } folder)
            {
                return false;
            }
            (ItemName, ItemUrl) = (folder.Chain[0].Name, $"/documents/dossier/{id}");
        }
        else
        {
            if (await access.OpenFileAsync(id, ct) is not { Rights.Manage: true } file)
            {
                return false;
            }
            (ItemName, ItemUrl) = (file.File.Name, $"/documents/fichier/{id}");
        }
        var rows = await db.DocShares.AsNoTracking().Where(s => IsFolder ? s.FolderId == id : s.FileId == id)
            .Select(s => new
            {
                s.Id, s.CanEdit,
                Person = db.Persons.Where(p => p.Id == s.PersonId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault(),
                Group = db.Groups.Where(g => g.Id == s.GroupId).Select(g => g.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        Shares = [.. rows.Select(r => new ShareRow(r.Id, r.Person ?? (r.Group is null ? "?" : $"Groupe « {r.Group} »"), r.CanEdit)).OrderBy(r => r.Who, StringComparer.CurrentCulture)];
        var a = await context.GetAsync(ct);
        var groupIds = a.GroupIds.ToList();
        var groups = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).OrderBy(g => g.Name).Select(g => new { g.Id, g.Name }).ToListAsync(ct);
        Groups = [.. groups.Select(g => (g.Id, g.Name))];
        return true;
    }
}
