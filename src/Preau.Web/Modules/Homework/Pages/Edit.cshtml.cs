using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Homework.Pages;

/// <summary>
/// A teacher of the class (or its director) corrects an entry: texts, day, subject, due date, pupils, more documents.
/// Work already handed in stays: the entry cannot stop being « à rendre » once a pupil has handed in.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[RequestSizeLimit(HomeworkFiles.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = HomeworkFiles.MaxRequestBytes)]
public sealed class EditModel(HomeworkBook book, SubjectCatalog catalog, HomeworkActions actions, HomeworkFiles files, PreauDbContext db)
    : EntryFormModel(book, catalog)
{
    public override string FormId => "edit-entry";
    public Guid EntryId { get; private set; }
    public int HandedIn { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid entryId, CancellationToken ct)
    {
        if (await OpenAsync(entryId, ct) is not { } open)
        {
            return NotFound();
        }
        var e = open.Entry;
        Input = new EntryInput
        {
            Day = e.Day, SubjectId = e.SubjectId, Session = e.Session, Work = e.Work, DueOn = e.DueOn, HandIn = e.HandIn,
            DueTime = e.DueAt is { } at ? TimeOnly.FromDateTime(Platform.Time.ParisDate.ToParis(at)) : new TimeOnly(18, 0),
            Recipients = e.ToWholeClass ? "classe" : "eleves",
            PupilIds = e.ToWholeClass ? [] : [.. open.Addressed.Select(p => p.Id)],
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid entryId, CancellationToken ct)
    {
        if (await OpenAsync(entryId, ct) is not { } open)
        {
            return NotFound();
        }
        if (HandedIn > 0 && !Input.HandIn)
        {
            ModelState.AddModelError("Input.HandIn", "Des élèves ont déjà rendu leur travail : il reste à rendre dans le casier.");
        }
        if (!Validate(out var pupils, keptSubject: open.Entry.SubjectId))
        {
            return Page();
        }
        if (await files.SaveAllAsync(HomeworkFiles.EntryPurpose, entryId, open.Entry.ClassId, Input.Attachments, ct) is { } refused)
        {
            ModelState.AddModelError("Input.Attachments", refused);
            ModelState.AddModelError("Input.Attachments", "Rien n'a été enregistré : choisissez à nouveau les documents (le texte est conservé).");
            return Page();
        }
        await actions.UpdateAsync(open.Entry.Id, Input, pupils, ct);
        TempData["Notice"] = "L'entrée est modifiée.";
        return Redirect($"/cahier-de-textes/{entryId}");
    }

    private async Task<OpenEntry?> OpenAsync(Guid entryId, CancellationToken ct)
    {
        if (await Book.OpenAsync(entryId, ct) is not { View.CanWrite: true } open || !await LoadClassAsync(open.Entry.ClassId, ct))
        {
            return null;
        }
        EntryId = entryId;
        HandedIn = await db.HomeworkSubmissions.CountAsync(s => s.EntryId == entryId && s.SubmittedAt != default, ct);
        return open;
    }
}
