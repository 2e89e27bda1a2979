using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Quizzes.Data;
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
public sealed class ResultsModel(QuizBook book, PreauDbContext db) : PageModel
{
    public OpenQuiz Open { get; private set; } = null!;
    public IReadOnlyList<(QuizPupilName Pupil, Attempt? Attempt)> Pupils { get; private set; } = [];
    public IReadOnlyList<QuestionRate> Rates { get; private set; } = [];

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
        Open = open;
        var latest = await book.LatestAttemptsAsync(quizId, [.. open.Addressed.Select(p => p.Id)], ct);
        Pupils = [.. open.Addressed.Select(p => (p, latest.GetValueOrDefault(p.Id)))];
        var (questions, _) = await book.QuestionsAsync(quizId, ct);
        var attemptIds = latest.Values.Select(t => t.Id).ToList();
        var answers = (await db.QuizAnswers.AsNoTracking().Where(a => attemptIds.Contains(a.AttemptId)).Select(a => new { a.QuestionId, a.IsCorrect }).ToListAsync(ct))
            .ToLookup(a => a.QuestionId);
        // A question added after some pupils answered counts only those who met it.
        Rates = [.. questions.Select(q => new QuestionRate(q, answers[q.Id].Count(a => a.IsCorrect), answers[q.Id].Count()))];
        return Page();
    }
}
