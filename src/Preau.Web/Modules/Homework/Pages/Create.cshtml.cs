using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Homework.Pages;

/// <summary>A teacher of the class (or its director) writes what was done and/or the work to do, possibly à rendre.</summary>
[Authorize(Policy = Policies.SignedIn)]
[RequestSizeLimit(HomeworkFiles.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = HomeworkFiles.MaxRequestBytes)]
public sealed class CreateModel(HomeworkBook book, SubjectCatalog catalog, HomeworkActions actions, HomeworkFiles files, TimeProvider time)
    : EntryFormModel(book, catalog)
{
    public override string FormId => "new-entry";

    public async Task<IActionResult> OnGetAsync(Guid id, DateOnly? jour, CancellationToken ct)
    {
        if (!await LoadClassAsync(id, ct))
        {
            return NotFound();
        }
        Input.Day = jour ?? Platform.Time.ParisDate.Today(time);
        Input.DueOn = HomeworkTime.NextSchoolDay(Input.Day.Value);
        Input.DueTime = new TimeOnly(18, 0);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadClassAsync(id, ct))
        {
            return NotFound();
        }
        if (!Validate(out var pupils))
        {
            return Page();
        }
        var newId = Guid.NewGuid();
        if (await files.SaveAllAsync(HomeworkFiles.EntryPurpose, newId, id, Input.Attachments, ct) is { } refused)
        {
            ModelState.AddModelError("Input.Attachments", refused);
            ModelState.AddModelError("Input.Attachments", "Rien n'a été enregistré : choisissez à nouveau les documents (le texte est conservé).");
            return Page();
        }
        await actions.CreateAsync(View, Input, pupils, newId, ct);
        TempData["Notice"] = "C'est noté dans le cahier de textes.";
        return Redirect($"/classe/{id}/cahier-de-textes?semaine={HomeworkTime.Iso(HomeworkTime.Monday(Input.Day!.Value))}");
    }
}
