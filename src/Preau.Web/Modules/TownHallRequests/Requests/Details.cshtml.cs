using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.TownHallRequests.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.TownHallRequests.Requests;

public sealed record CommentRow(RequestComment Comment, string AuthorName);

/// <summary>
/// One request, for both sides: its photos, its history of comments and status changes, and the forms to comment and
/// (town hall only) to move it on or write an internal note. Internal notes are never loaded for the school side.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[RequestSizeLimit(TownHallDesk.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = TownHallDesk.MaxRequestBytes)]
public sealed class DetailsModel(TownHallAccess access, TownHallDesk desk, PreauDbContext db, INotificationReads reads, IFileService files) : PageModel
{
    public RequestDesk Desk { get; private set; } = null!;
    public Request Current => Desk.Request;
    public string SchoolName { get; private set; } = "";
    public string AuthorityName { get; private set; } = "";
    public string TypeName { get; private set; } = "";
    public string AuthorName { get; private set; } = "";
    public IReadOnlyList<RequestPhoto> Photos { get; private set; } = [];
    /// <summary>The attached files that are not photos (a quote, a plan), by file id: listed by name, downloaded.</summary>
    public IReadOnlyDictionary<Guid, FileInfoRow> Documents { get; private set; } = new Dictionary<Guid, FileInfoRow>();
    public IReadOnlyList<CommentRow> Comments { get; private set; } = [];
    public IReadOnlyList<RequestStatus> Next { get; private set; } = [];
    /// <summary>« Suivie par »: the agent following the request, for both sides; null while it is the whole service's.</summary>
    public string? AssigneeName { get; private set; }
    /// <summary>The collectivité's agents the request may be given to (town hall only).</summary>
    public IReadOnlyList<(Guid Id, string Name)> Agents { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Error { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await access.ForRequestAsync(id, ct) is not { } d)
        {
            return NotFound();
        }
        Desk = d;
        var names = await (from s in db.Schools where s.Id == d.Request.SchoolId
                           from l in db.LocalAuthorities where l.Id == d.Request.LocalAuthorityId
                           from t in db.TownHallTypes where t.Id == d.Request.TypeId
                           select new { School = s.Name, Authority = l.Name, Type = t.Name }).FirstAsync(ct);
        (SchoolName, AuthorityName, TypeName) = (names.School, names.Authority, names.Type);
        Photos = await db.TownHallPhotos.AsNoTracking().Where(p => p.RequestId == id).OrderBy(p => p.Position).ToListAsync(ct);
        if (Photos.Any(p => p.ThumbnailFileId is null))
        {
            // Only documents have no thumbnail (and a photo whose thumbnail failed): their names are looked up then.
            var attached = Photos.Select(p => p.FileId).ToHashSet();
            Documents = (await files.ListAsync(TownHallDesk.PhotoPurpose, [id], ct))[id].Where(f => !f.IsImage && attached.Contains(f.Id)).ToDictionary(f => f.Id);
        }
        var comments = db.TownHallComments.AsNoTracking().Where(c => c.RequestId == id);
        if (!d.IsTownHall)
        {
            comments = comments.Where(c => !c.IsInternal);
        }
        var rows = await comments.OrderBy(c => c.CreatedAt)
            .GroupJoin(db.Persons, c => c.AuthorId, p => p.Id, (c, ps) => new { c, ps })
            .SelectMany(x => x.ps.DefaultIfEmpty(), (x, p) => new { x.c, Name = p == null ? "" : p.FirstName + " " + p.LastName })
            .ToListAsync(ct);
        Comments = [.. rows.OrderBy(r => r.c.CreatedAt).Select(r => new CommentRow(r.c, r.Name))];
        AuthorName = await db.Persons.Where(p => p.Id == d.Request.CreatedById).Select(p => p.FirstName + " " + p.LastName).FirstOrDefaultAsync(ct) ?? "";
        Next = d.IsTownHall ? TownHallDesk.NextStatuses(d.Request.Status) : [];
        if (d.IsTownHall)
        {
            Agents = await desk.AgentsAsync(d.Request.LocalAuthorityId, ct);
            AssigneeName = Agents.Where(a => a.Id == d.Request.AssigneeId).Select(a => a.Name).FirstOrDefault();
        }
        else if (d.Request.AssigneeId is { } assignee)
        {
            AssigneeName = await db.Persons.Where(p => p.Id == assignee).Select(p => p.FirstName + " " + p.LastName).FirstOrDefaultAsync(ct);
        }
        // Opened here, its notifications are read (the bell stops counting them).
        await reads.MarkReadAsync(TownHallDesk.Url(id), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCommentAsync(Guid id, string? text, bool @internal, List<IFormFile>? files, CancellationToken ct)
    {
        if (await access.ForRequestAsync(id, ct) is not { } d)
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(text) || text.Length > 4000)
        {
            Error = "Écrivez un commentaire (4 000 caractères au plus).";
        }
        else
        {
            var attachments = (files ?? []).Where(f => f.Length > 0).Select(f => (f.FileName, (Func<Stream>)f.OpenReadStream)).ToList();
            if (await desk.CommentAsync(d, text, @internal, attachments, ct) is { } error)
            {
                // Nothing was kept: the text comes back in the form with the reason.
                Error = error;
                Draft = text;
            }
            else
            {
                Notice = @internal && d.IsTownHall ? "La note interne est enregistrée." : "Votre commentaire est envoyé.";
            }
        }
        return Redirect(TownHallDesk.Url(id));
    }

    /// <summary>A comment refused (a file too big, say), shown again in the form rather than lost.</summary>
    [TempData]
    public string? Draft { get; set; }

    public async Task<IActionResult> OnPostAssignAsync(Guid id, Guid? assignee, CancellationToken ct)
    {
        if (await access.ForRequestAsync(id, ct) is not { IsTownHall: true } d)
        {
            return NotFound();
        }
        if (await desk.AssignAsync(d, assignee, ct))
        {
            Notice = assignee is null ? "La demande est rendue à l'ensemble du service." : assignee == d.PersonId ? "Vous suivez cette demande." : "La demande est confiée à votre collègue.";
        }
        else
        {
            Error = "Cette personne n'est pas agent de la collectivité.";
        }
        return Redirect(TownHallDesk.Url(id));
    }

    public async Task<IActionResult> OnPostStatusAsync(Guid id, RequestStatus to, string? message, CancellationToken ct)
    {
        if (await access.ForRequestAsync(id, ct) is not { IsTownHall: true } d)
        {
            return NotFound();
        }
        if (message is { Length: > 4000 })
        {
            Error = "Le message fait au plus 4 000 caractères.";
        }
        else if (await desk.ChangeStatusAsync(d, to, message, ct))
        {
            Notice = "Le statut de la demande est changé.";
        }
        else
        {
            Error = "Ce changement de statut n'est pas possible.";
        }
        return Redirect(TownHallDesk.Url(id));
    }
}
