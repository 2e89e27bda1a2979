using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Homework.Data;

namespace Preau.Web.Modules.Homework.Pages;

/// <summary>What the new-entry and edit pages share: the class, its subjects and pupils, the form and its checks.</summary>
public abstract class EntryFormModel(HomeworkBook book, SubjectCatalog catalog) : PageModel
{
    [BindProperty]
    public EntryInput Input { get; set; } = new();

    public ClassView View { get; protected set; } = null!;

    protected HomeworkBook Book => book;
    public IReadOnlyList<Subject> Subjects { get; private set; } = [];
    public IReadOnlyList<HomeworkPupil> Pupils { get; private set; } = [];

    /// <summary>The form's id (tests and the skip links use it).</summary>
    public abstract string FormId { get; }

    /// <summary>Loads the class when the person may write in its cahier de textes.</summary>
    protected async Task<bool> LoadClassAsync(Guid classId, CancellationToken ct)
    {
        if (await book.ForClassAsync(classId, ct) is not { CanWrite: true } view)
        {
            return false;
        }
        View = view;
        Subjects = await catalog.EnsureAsync(classId, ct);
        Pupils = await book.PupilsOfClassAsync(classId, ct);
        return true;
    }

    /// <summary>Checks the form; the chosen pupils (null: the whole class) when it is valid.</summary>
    protected bool Validate(out IReadOnlyCollection<Guid>? pupils, Guid? keptSubject = null)
    {
        var chosen = Input.Recipients == "eleves";
        var pupilIds = Input.PupilIds.Where(p => Pupils.Any(x => x.Id == p)).ToList();
        pupils = chosen ? pupilIds : null;
        if (Input.Day is null)
        {
            ModelState.AddModelError("Input.Day", "Indiquez le jour de la séance.");
        }
        // A subject hidden since the entry was written stays valid for that entry.
        if (Subjects.All(s => s.Id != Input.SubjectId || (s.IsHidden && s.Id != keptSubject)))
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
        return ModelState.IsValid;
    }
}
