using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Quizzes.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Quizzes.Pages;

/// <summary>One pupil's result, as shown to them or their family.</summary>
public sealed record PupilResult(QuizPupilName Pupil, Attempt? Attempt, IReadOnlyDictionary<Guid, Answer> Answers);

/// <summary>
/// A pupil takes a quiz: all questions on one tablet-sized page, large targets, no sound. The window and the
/// one-attempt rule are enforced here, on the server. Afterwards the pupil sees the score (and the explanations, now
/// or once the quiz closes, as the teacher chose); a guardian reads their children's results only. Staff go to the
/// results; anyone else gets 404.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class TakeModel(QuizBook book, QuizActions actions, PreauDbContext db) : PageModel
{
    public OpenQuiz Open { get; private set; } = null!;
    public IReadOnlyList<Question> Questions { get; private set; } = [];
    public ILookup<Guid, Choice> Choices { get; private set; } = Array.Empty<Choice>().ToLookup(c => c.QuestionId);
    public IReadOnlyList<PupilResult> Results { get; private set; } = [];
    /// <summary>The form is shown: a pupil, window open, and no attempt yet (or a retry asked for and allowed).</summary>
    public bool ShowForm { get; private set; }
    public bool ShowExplanations => Open.Quiz.Explanations == ExplanationTiming.AfterAnswering || Open.State == QuizState.Closed;

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Error { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid quizId, bool recommencer, CancellationToken ct)
    {
        if (await book.OpenAsync(quizId, ct) is not { } open)
        {
            return NotFound();
        }
        if (open.Class.IsStaff)
        {
            return Redirect($"/quiz/{quizId}/resultats");
        }
        Open = open;
        (Questions, Choices) = await book.QuestionsAsync(quizId, ct);
        Results = await ResultsAsync(open, ct);
        ShowForm = open.Class.IsPupil && open.State == QuizState.Open && (Results[0].Attempt is null || (recommencer && open.Quiz.AllowRetries));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid quizId, CancellationToken ct)
    {
        if (await book.OpenAsync(quizId, ct) is not { Class.IsPupil: true } open || open.Own.Count != 1)
        {
            return NotFound();
        }
        var (questions, choices) = await book.QuestionsAsync(quizId, ct);
        var answers = new Dictionary<Guid, (IReadOnlyCollection<Guid>, string?)>();
        foreach (var q in questions)
        {
            var chosen = Request.Form[$"q-{q.Id}"].Select(v => Guid.TryParse(v, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
            answers[q.Id] = (chosen, Request.Form[$"t-{q.Id}"].FirstOrDefault());
        }
        var (attempt, error) = await actions.SubmitAsync(open, open.Own[0].Id, answers, questions, choices, ct);
        if (attempt is null)
        {
            Error = error;
            return Redirect($"/quiz/{quizId}");
        }
        Notice = $"C'est fini ! Tu as {attempt.Score} bonne(s) réponse(s) sur {attempt.Total}.";
        return Redirect($"/quiz/{quizId}#resultat");
    }

    private async Task<IReadOnlyList<PupilResult>> ResultsAsync(OpenQuiz open, CancellationToken ct)
    {
        var own = open.Own;
        var latest = await book.LatestAttemptsAsync(open.Quiz.Id, [.. own.Select(p => p.Id)], ct);
        var attemptIds = latest.Values.Select(t => t.Id).ToList();
        var answers = (await db.QuizAnswers.AsNoTracking().Where(x => attemptIds.Contains(x.AttemptId)).ToListAsync(ct)).ToLookup(x => x.AttemptId);
        return [.. own.Select(p =>
        {
            var attempt = latest.GetValueOrDefault(p.Id);
            return new PupilResult(p, attempt, attempt is null ? new Dictionary<Guid, Answer>() : answers[attempt.Id].ToDictionary(x => x.QuestionId));
        })];
    }
}
