using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Territory;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Quizzes.Pages;

public sealed record SharedQuiz(Guid Id, string Title, string School, int Questions);

/// <summary>
/// The quizzes colleagues shared in the territory: any teacher copies one into a class they teach (as a draft, without
/// results). Only people who teach a class see this page.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class SharedModel(QuizBook book, QuizActions actions, PreauDbContext db) : PageModel
{
    public const int PageSize = 20;

    public IReadOnlyList<SharedQuiz> Quizzes { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Classes { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int p = 1, CancellationToken ct = default)
    {
        Classes = await book.TaughtClassesAsync(null, ct);
        if (Classes.Count == 0)
        {
            return NotFound();
        }
        var shared = db.Quizzes.AsNoTracking().Where(q => q.SharedInTerritory);
        var total = await shared.CountAsync(ct);
        var page = Pager.Clamp(p, total, PageSize);
        Pager = new Pager(page, Math.Max(1, (total + PageSize - 1) / PageSize), n => Pager.Link("/quiz/partages", n));
        Quizzes = await (from q in shared
                         join c in db.Classes.AsNoTracking() on q.ClassId equals c.Id
                         join s in db.Schools.AsNoTracking() on c.SchoolId equals s.Id
                         orderby q.Title, q.Id
                         select new SharedQuiz(q.Id, q.Title, s.Name, db.QuizQuestions.Count(x => x.QuizId == q.Id)))
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCopyAsync(Guid quizId, Guid targetClassId, CancellationToken ct)
    {
        var quiz = await db.Quizzes.AsNoTracking().FirstOrDefaultAsync(q => q.Id == quizId && q.SharedInTerritory, ct);
        if (quiz is null || (await book.TaughtClassesAsync(null, ct)).All(c => c.Id != targetClassId) || await book.ForClassAsync(targetClassId, ct) is not { CanWrite: true })
        {
            return NotFound();
        }
        var copyId = await actions.CopyAsync(quiz, targetClassId, ct);
        TempData["Notice"] = "Le quiz est copié dans votre classe, en brouillon : relisez-le et choisissez ses dates pour l'ouvrir.";
        return Redirect($"/quiz/{copyId}/modifier");
    }
}
