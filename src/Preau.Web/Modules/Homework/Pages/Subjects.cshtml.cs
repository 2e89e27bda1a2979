using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Homework.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Homework.Pages;

/// <summary>The teacher's subjects for the class: add, rename, hide (hidden ones stay on old entries).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class SubjectsModel(HomeworkBook book, SubjectCatalog catalog, PreauDbContext db) : PageModel
{
    public ClassView View { get; private set; } = null!;
    public IReadOnlyList<Subject> Subjects { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await book.ForClassAsync(id, ct) is not { CanWrite: true } view)
        {
            return NotFound();
        }
        View = view;
        Subjects = await catalog.EnsureAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(Guid id, string? name, CancellationToken ct)
    {
        if (await book.ForClassAsync(id, ct) is not { CanWrite: true })
        {
            return NotFound();
        }
        var subjects = await catalog.EnsureAsync(id, ct);
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            Notice = "Donnez un nom à la matière (100 caractères au plus).";
        }
        else if (subjects.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            Notice = "Cette matière existe déjà.";
        }
        else
        {
            db.HomeworkSubjects.Add(new Subject { ClassId = id, Name = name, Position = subjects.Count == 0 ? 0 : subjects.Max(s => s.Position) + 1 });
            await db.SaveChangesAsync(ct);
            Notice = "La matière est ajoutée.";
        }
        return Redirect($"/classe/{id}/cahier-de-textes/matieres");
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, Guid subjectId, string? name, bool hidden, CancellationToken ct)
    {
        if (await book.ForClassAsync(id, ct) is not { CanWrite: true })
        {
            return NotFound();
        }
        var subject = await db.HomeworkSubjects.FirstOrDefaultAsync(s => s.Id == subjectId && s.ClassId == id, ct);
        if (subject is null)
        {
            return NotFound();
        }
        name = name?.Trim();
        if (!string.IsNullOrEmpty(name) && name.Length <= 100)
        {
            subject.Name = name;
        }
        subject.IsHidden = hidden;
        await db.SaveChangesAsync(ct);
        Notice = "La matière est enregistrée.";
        return Redirect($"/classe/{id}/cahier-de-textes/matieres");
    }
}
