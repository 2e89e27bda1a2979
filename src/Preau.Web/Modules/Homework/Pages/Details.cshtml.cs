using System.IO.Compression;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Homework.Data;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Homework.Pages;

/// <summary>
/// One entry. A pupil (or their parent) reads it, and for work à rendre puts files in the pupil's casier and reads the
/// teacher's comment. The class's teachers see who handed in (x / N), download everything as a ZIP, comment per pupil,
/// reopen or close the casier and copy the entry to another class they teach. Anyone else: 404.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[RequestSizeLimit(HomeworkFiles.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = HomeworkFiles.MaxRequestBytes)]
public sealed class DetailsModel(HomeworkBook book, HomeworkActions actions, HomeworkFiles files, PreauDbContext db, AccessContext context, INotificationReads reads) : PageModel
{
    public OpenEntry Open { get; private set; } = null!;
    public IReadOnlyList<FileInfoRow> Documents { get; private set; } = [];
    public IReadOnlyList<Submission> Submissions { get; private set; } = [];
    public ILookup<Guid, FileInfoRow> SubmittedFiles { get; private set; } = Array.Empty<FileInfoRow>().ToLookup(f => f.OwnerId);
    public bool DropBoxOpen { get; private set; }
    /// <summary>Other classes the teacher teaches, for the copy.</summary>
    public IReadOnlyList<(Guid Id, string Name)> OtherClasses { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Error { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid entryId, CancellationToken ct)
    {
        if (await book.OpenAsync(entryId, ct) is not { } open)
        {
            return NotFound();
        }
        Open = open;
        DropBoxOpen = book.IsDropBoxOpen(open.Entry);
        Documents = [.. (await files.ListAsync(HomeworkFiles.EntryPurpose, [entryId], ct))[entryId]];
        if (open.Entry.HandIn || open.View.IsStaff)
        {
            // Staff read every pupil's casier; a family only their own children's.
            var visible = open.View.IsStaff ? open.Addressed.Select(p => p.Id).ToList() : open.Own.Select(p => p.Id).ToList();
            Submissions = await db.HomeworkSubmissions.AsNoTracking().Where(s => s.EntryId == entryId && visible.Contains(s.PupilId)).ToListAsync(ct);
            SubmittedFiles = await files.ListAsync(HomeworkFiles.SubmissionPurpose, [.. Submissions.Select(s => s.Id)], ct);
        }
        if (open.View.CanWrite)
        {
            var a = await context.GetAsync(ct);
            var taught = a.Memberships.Where(m => m.Role == People.Data.Role.Teacher && m.ScopeType == People.Data.ScopeType.Class && m.ScopeId != open.Entry.ClassId)
                .Select(m => m.ScopeId!.Value).Distinct().ToList();
            OtherClasses = taught.Count == 0 ? []
                : [.. (await db.Classes.AsNoTracking().Where(c => taught.Contains(c.Id) && !c.IsArchived).OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
                    .Select(c => (c.Id, c.Name))];
        }
        // Opened here, its notifications are read (the bell stops counting them).
        await reads.MarkReadAsync($"/cahier-de-textes/{entryId}", ct);
        return Page();
    }

    /// <summary>A pupil, or a parent for their child, puts files in the casier.</summary>
    public async Task<IActionResult> OnPostUploadAsync(Guid entryId, Guid pupilId, List<IFormFile> work, CancellationToken ct)
    {
        if (await book.OpenAsync(entryId, ct) is not { } open || open.Own.All(p => p.Id != pupilId))
        {
            return NotFound();
        }
        if (await actions.SubmitAsync(open, pupilId, work, ct) is { } error)
        {
            Error = error;
        }
        else
        {
            Notice = open.View.IsPupil ? "C'est rendu ! Ton enseignant verra ton travail." : "Le travail a été déposé dans le casier.";
        }
        return Redirect($"/cahier-de-textes/{entryId}#casier");
    }

    public async Task<IActionResult> OnPostCommentAsync(Guid entryId, Guid pupilId, string? comment, CancellationToken ct)
    {
        if (await book.OpenAsync(entryId, ct) is not { View.CanWrite: true } open || open.Addressed.All(p => p.Id != pupilId))
        {
            return NotFound();
        }
        await actions.CommentAsync(open, pupilId, comment is { Length: > 2000 } ? comment[..2000] : comment, ct);
        Notice = "Le commentaire est enregistré ; l'élève et sa famille le voient.";
        return Redirect($"/cahier-de-textes/{entryId}#pupil-{pupilId}");
    }

    public async Task<IActionResult> OnPostReopenAsync(Guid entryId, bool reopen, CancellationToken ct)
    {
        if (await book.OpenAsync(entryId, ct) is not { View.CanWrite: true, Entry.HandIn: true })
        {
            return NotFound();
        }
        await actions.SetReopenedAsync(entryId, reopen, ct);
        Notice = reopen ? "Le casier est rouvert : les élèves peuvent encore déposer leur travail." : "Le casier est fermé depuis la date de remise.";
        return Redirect($"/cahier-de-textes/{entryId}");
    }

    /// <summary>The teacher deletes the entry; refused once work has been handed in (it is edited instead).</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid entryId, CancellationToken ct)
    {
        if (await book.OpenAsync(entryId, ct) is not { View.CanWrite: true } open)
        {
            return NotFound();
        }
        if (await actions.DeleteAsync(entryId, ct) is { } refused)
        {
            Error = refused;
            return Redirect($"/cahier-de-textes/{entryId}");
        }
        Notice = "L'entrée est supprimée du cahier de textes.";
        return Redirect($"/classe/{open.Entry.ClassId}/cahier-de-textes?semaine={HomeworkTime.Iso(HomeworkTime.Monday(open.Entry.Day))}");
    }

    public async Task<IActionResult> OnPostCopyAsync(Guid entryId, Guid targetClassId, CancellationToken ct)
    {
        if (await book.OpenAsync(entryId, ct) is not { View.CanWrite: true } open
            || await book.ForClassAsync(targetClassId, ct) is not { CanWrite: true } target
            || !(await context.GetAsync(ct)).TeachesClass(targetClassId) || targetClassId == open.Entry.ClassId)
        {
            return NotFound();
        }
        var (copyId, error) = await actions.CopyAsync(open, targetClassId, ct);
        if (copyId is null)
        {
            Error = error;
            return Redirect($"/cahier-de-textes/{entryId}");
        }
        Notice = $"Copié dans le cahier de textes de la classe {target.ClassName}.";
        return Redirect($"/cahier-de-textes/{copyId}");
    }

    /// <summary>Every handed-in file, one folder per pupil (« Nom Prénom »), streamed as it is built.</summary>
    public async Task<IActionResult> OnGetZipAsync(Guid entryId, CancellationToken ct)
    {
        if (await book.OpenAsync(entryId, ct) is not { View.IsStaff: true } open)
        {
            return NotFound();
        }
        var submissions = await db.HomeworkSubmissions.AsNoTracking().Where(s => s.EntryId == entryId).ToListAsync(ct);
        var byPupil = open.Addressed.ToDictionary(p => p.Id);
        var listed = await files.ListAsync(HomeworkFiles.SubmissionPurpose, [.. submissions.Select(s => s.Id)], ct);
        Response.ContentType = "application/zip";
        Response.Headers.ContentDisposition = $"attachment; filename=\"travaux-{HomeworkTime.Iso(open.Entry.Day)}.zip\"";
        var body = new Platform.Web.AsyncOnlyStream(Response.Body);
        await using (var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct))
        {
            foreach (var s in submissions.Where(s => byPupil.ContainsKey(s.PupilId)).OrderBy(s => byPupil[s.PupilId].FileName))
            {
                var folder = Safe(byPupil[s.PupilId].FileName);
                var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var f in listed[s.Id])
                {
                    await using var opened = await files.OpenAsync(f.Id, ct);
                    if (opened is null)
                    {
                        continue;
                    }
                    var name = Safe(f.Name);
                    for (var i = 2; !used.Add(name); i++)
                    {
                        name = $"{Path.GetFileNameWithoutExtension(f.Name)} ({i}){Path.GetExtension(f.Name)}";
                    }
                    var item = zip.CreateEntry($"{folder}/{name}", CompressionLevel.Fastest);
                    await using (var target = await item.OpenAsync(ct))
                    {
                        await opened.Content.CopyToAsync(target, ct);
                    }
                    await body.FlushAsync(ct);
                }
            }
        }
        await body.FlushAsync(ct);
        return new EmptyResult();
    }

    /// <summary>No path separators or control characters in a ZIP entry name.</summary>
    private static string Safe(string name) =>
        new([.. name.Select(c => c is '/' or '\\' or ':' || char.IsControl(c) ? '_' : c)]);
}
