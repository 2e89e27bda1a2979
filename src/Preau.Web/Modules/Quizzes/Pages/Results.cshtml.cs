using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Quizzes.Data;
using Preau.Web.Modules.Skills.Contracts;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Quizzes.Pages;

public sealed record QuestionRate(Question Question, int Correct, int Answered)
{
    public int Percent => QuizScoring.Percent(Correct, Answered);
}

/// <summary>
/// The teacher's results: each pupil's score (latest attempt), who has not answered, and each question's success rate.
/// The class's staff only; families read their own child's result on the quiz page.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ResultsModel(QuizBook book, PreauDbContext db, ISkillValidations skills, AccessContext context) : PageModel
{
    public OpenQuiz Open { get; private set; } = null!;
    public IReadOnlyList<(QuizPupilName Pupil, Attempt? Attempt)> Pupils { get; private set; } = [];
    public IReadOnlyList<QuestionRate> Rates { get; private set; } = [];
    public IReadOnlyList<SkillItemRef> LinkedItems { get; private set; } = [];
    /// <summary>Pupils at or above the threshold, with the linked items they have not acquired yet.</summary>
    public IReadOnlyList<(QuizPupilName Pupil, int Percent, IReadOnlyList<SkillItemRef> Items)> Proposals { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Error { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid quizId, CancellationToken ct)
    {
        if (await book.OpenAsync(quizId, ct) is not { Class.IsStaff: true } open)
        {
            return NotFound();
        }
        await LoadAsync(open, ct);
        return Page();
    }

    /// <summary>Validates, in one click, the proposed items for the proposed pupils (recomputed here, not taken from the form).</summary>
    public async Task<IActionResult> OnPostValidateAsync(Guid quizId, CancellationToken ct)
    {
        if (await book.OpenAsync(quizId, ct) is not { Class.CanWrite: true } open)
        {
            return NotFound();
        }
        await LoadAsync(open, ct);
        var pairs = Proposals.SelectMany(p => p.Items.Select(i => (p.Pupil.Id, i.Id))).ToList();
        var a = await context.GetAsync(ct);
        var changed = await skills.ValidateAsync(pairs, a.PersonId, open.Class.ClassName, ct);
        Notice = changed == 0 ? "Rien à valider." : "Les compétences sont validées dans les fiches des élèves.";
        return Redirect($"/quiz/{quizId}/resultats#skills");
    }

    private async Task LoadAsync(OpenQuiz open, CancellationToken ct)
    {
        var quizId = open.Quiz.Id;
        Open = open;
        var latest = await book.LatestAttemptsAsync(quizId, [.. open.Addressed.Select(p => p.Id)], ct);
        Pupils = [.. open.Addressed.Select(p => (p, latest.GetValueOrDefault(p.Id)))];
        var (questions, _) = await book.QuestionsAsync(quizId, ct);
        var attemptIds = latest.Values.Select(t => t.Id).ToList();
        var answers = (await db.QuizAnswers.AsNoTracking().Where(a => attemptIds.Contains(a.AttemptId)).Select(a => new { a.QuestionId, a.IsCorrect }).ToListAsync(ct))
            .ToLookup(a => a.QuestionId);
        // A question added after some pupils answered counts only those who met it.
        Rates = [.. questions.Select(q => new QuestionRate(q, answers[q.Id].Count(a => a.IsCorrect), answers[q.Id].Count()))];
        var linked = (await db.QuizSkillItems.AsNoTracking().Where(s => s.QuizId == quizId).Select(s => s.ItemId).ToListAsync(ct)).ToHashSet();
        if (linked.Count == 0)
        {
            return;
        }
        LinkedItems = [.. (await skills.ActiveItemsAsync(ct)).Where(i => linked.Contains(i.Id))];
        var succeeded = Pupils.Where(p => p.Attempt is { } t && QuizScoring.Percent(t.Score, t.Total) >= open.Quiz.SkillThresholdPercent).ToList();
        var acquired = await skills.AcquiredAsync([.. succeeded.Select(p => p.Pupil.Id)], [.. LinkedItems.Select(i => i.Id)], ct);
        Proposals = [.. succeeded
            .Select(p => (p.Pupil, QuizScoring.Percent(p.Attempt!.Score, p.Attempt.Total), (IReadOnlyList<SkillItemRef>)[.. LinkedItems.Where(i => !acquired.Contains((p.Pupil.Id, i.Id)))]))
            .Where(p => p.Item3.Count > 0)];
    }
}
