using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Quizzes.Data;
using Preau.Web.Modules.Territory;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Quizzes.Pages;

public sealed record QuizRow(Quiz Quiz, QuizState State, IReadOnlyList<(QuizPupilName Pupil, Attempt? Attempt)> Own, int Answered);

/// <summary>
/// A class's quizzes. Teachers list them all (newest first, paged) and create one; a pupil sees the quizzes open to
/// them, done or to do; a guardian their children's with the score. Anyone else: 404.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(QuizBook book, QuizActions actions, PreauDbContext db) : PageModel
{
    public const int PageSize = 20;

    public QuizClass Class { get; private set; } = null!;
    public IReadOnlyList<QuizRow> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Error { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int p = 1, CancellationToken ct = default)
    {
        if (await book.ForClassAsync(id, ct) is not { } cls)
        {
            return NotFound();
        }
        Class = cls;
        var query = db.Quizzes.AsNoTracking().Where(q => q.ClassId == id);
        if (!cls.IsStaff)
        {
            var own = cls.OwnPupils.ToList();
            query = query.Where(q => q.OpensAt != null && (q.ToWholeClass || db.QuizPupils.Any(x => x.QuizId == q.Id && own.Contains(x.PupilId))));
        }
        var total = await query.CountAsync(ct);
        var page = Pager.Clamp(p, total, PageSize);
        var quizzes = await query.OrderByDescending(q => q.OpensAt ?? q.CreatedAt).ThenByDescending(q => q.CreatedAt)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Pager = new Pager(page, Math.Max(1, (total + PageSize - 1) / PageSize), n => Pager.Link($"/classe/{id}/quiz", n));
        var quizIds = quizzes.Select(q => q.Id).ToList();
        var chosen = (await db.QuizPupils.AsNoTracking().Where(x => quizIds.Contains(x.QuizId)).ToListAsync(ct)).ToLookup(x => x.QuizId, x => x.PupilId);
        var attempts = (await db.QuizAttempts.AsNoTracking().Where(t => quizIds.Contains(t.QuizId)).ToListAsync(ct))
            .GroupBy(t => (t.QuizId, t.PupilId)).ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.SubmittedAt).First());
        var pupils = await book.PupilsOfClassAsync(id, ct);
        Rows = [.. quizzes.Select(q =>
        {
            var addressed = q.ToWholeClass ? pupils : [.. pupils.Where(x => chosen[q.Id].Contains(x.Id))];
            var own = addressed.Where(x => cls.OwnPupils.Contains(x.Id)).Select(x => (x, attempts.GetValueOrDefault((q.Id, x.Id)))).ToList();
            return new QuizRow(q, book.StateOf(q), own, addressed.Count(x => attempts.ContainsKey((q.Id, x.Id))));
        })];
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(Guid id, string? title, CancellationToken ct)
    {
        if (await book.ForClassAsync(id, ct) is not { CanWrite: true })
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(title))
        {
            Error = "Donnez un titre au quiz.";
            return Redirect($"/classe/{id}/quiz");
        }
        var quizId = await actions.CreateAsync(id, title, ct);
        Notice = "Le quiz est créé. Ajoutez des questions, puis choisissez ses dates d'ouverture.";
        return Redirect($"/quiz/{quizId}/modifier");
    }
}
