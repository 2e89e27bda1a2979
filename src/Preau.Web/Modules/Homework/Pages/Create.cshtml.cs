using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Homework.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Homework.Pages;

/// <summary>A teacher of the class (or its director) writes what was done and/or the work to do, possibly à rendre.</summary>
[Authorize(Policy = Policies.SignedIn)]
[RequestSizeLimit(HomeworkFiles.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = HomeworkFiles.MaxRequestBytes)]
public sealed class CreateModel(HomeworkBook book, SubjectCatalog catalog, HomeworkActions actions, HomeworkFiles files, TimeProvider time) : PageModel
{
    [BindProperty]
    public EntryInput Input { get; set; } = new();

    public ClassView View { get; private set; } = null!;
    public IReadOnlyList<Subject> Subjects { get; private set; } = [];
    public IReadOnlyList<HomeworkPupil> Pupils { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, DateOnly? jour, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Input.Day = jour ?? HomeworkTime.Today(time);
        Input.DueOn = HomeworkTime.NextSchoolDay(Input.Day.Value);
        Input.DueTime = new TimeOnly(18, 0);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var chosen = Input.Recipients == "eleves";
        var pupilIds = Input.PupilIds.Where(p => Pupils.Any(x => x.Id == p)).ToList();
        if (Input.Day is null)
        {
            ModelState.AddModelError("Input.Day", "Indiquez le jour de la séance.");
        }
        if (Subjects.All(s => s.Id != Input.SubjectId || s.IsHidden))
        {
            ModelState.AddModelError("Input.SubjectId", "Choisissez une matière.");
        }
        if (string.IsNullOrWhiteSpace(Input.Session) && string.IsNullOrWhiteSpace(Input.Work))
        {
            ModelState.AddModelError("Input.Session", "Écrivez ce qui a été fait en classe, le travail à faire, ou les deux.");
        }
        if (!string.IsNullOrWhiteSpace(Input.Work) && Input.DueOn is null)
        {
            ModelState.AddModelError("Input.DueOn", "Indiquez pour quel jour le travail est à faire.");
        }
        if (Input.HandIn && string.IsNullOrWhiteSpace(Input.Work))
        {
            ModelState.AddModelError("Input.Work", "Décrivez le travail à rendre.");
        }
        if (chosen && pupilIds.Count == 0)
        {
            ModelState.AddModelError("Input.PupilIds", "Cochez au moins un élève, ou choisissez toute la classe.");
        }
        if (!ModelState.IsValid)
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
        await actions.CreateAsync(View, Input, chosen ? pupilIds : null, newId, ct);
        TempData["Notice"] = "C'est noté dans le cahier de textes.";
        return Redirect($"/classe/{id}/cahier-de-textes?semaine={HomeworkTime.Iso(HomeworkTime.Monday(Input.Day!.Value))}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await book.ForClassAsync(id, ct) is not { CanWrite: true } view)
        {
            return false;
        }
        View = view;
        Subjects = await catalog.EnsureAsync(id, ct);
        Pupils = await book.PupilsOfClassAsync(id, ct);
        return true;
    }
}
