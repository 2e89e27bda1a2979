using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Quizzes.Data;
using Preau.Web.Modules.Skills.Contracts;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Quizzes.Pages;

/// <summary>
/// The teacher's editor: settings (title, opening window in Paris time, retries, explanations, for whom, shared in the
/// territory), the questions (add, edit, reorder, delete), copy to another class, delete. Only the class's teachers
/// (and those who manage it); anyone else gets 404.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditModel(QuizBook book, QuizActions actions, ISkillValidations skills, PreauDbContext db) : PageModel
{
    public OpenQuiz Open { get; private set; } = null!;
    public IReadOnlyList<Question> Questions { get; private set; } = [];
    public ILookup<Guid, Choice> Choices { get; private set; } = Array.Empty<Choice>().ToLookup(c => c.QuestionId);
    public IReadOnlyList<QuizPupilName> ClassPupils { get; private set; } = [];
    public IReadOnlyList<Guid> Chosen { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> OtherClasses { get; private set; } = [];
    public IReadOnlyList<SkillItemRef> SkillItems { get; private set; } = [];
    public IReadOnlySet<Guid> LinkedItems { get; private set; } = new HashSet<Guid>();

    [BindProperty]
    public QuizSettingsInput Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Error { get; set; }

    /// <summary>Why the settings just posted were not saved (shown with what was typed, not kept for the next page).</summary>
    public string? FormError { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid quizId, CancellationToken ct)
    {
        if (!await LoadAsync(quizId, ct))
        {
            return NotFound();
        }
        var q = Open.Quiz;
        Input = new QuizSettingsInput
        {
            Title = q.Title, Instructions = q.Instructions, OpensAt = q.OpensAt is { } o ? Platform.Time.ParisDate.ToParis(o) : null,
            ClosesAt = q.ClosesAt is { } c ? Platform.Time.ParisDate.ToParis(c) : null, AllowRetries = q.AllowRetries, Explanations = q.Explanations,
            ToWholeClass = q.ToWholeClass, PupilIds = [.. Chosen], SharedInTerritory = q.SharedInTerritory,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(Guid quizId, CancellationToken ct)
    {
        if (!await LoadAsync(quizId, ct))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            FormError = "Une date n'est pas valide : utilisez le format jour/mois/année et heure.";
            return Page();
        }
        if (await actions.SaveSettingsAsync(Open, Input, [.. ClassPupils.Select(p => p.Id)], ct) is { } error)
        {
            // The page is shown again with what was typed: nothing is lost.
            FormError = error;
            return Page();
        }
        Notice = "Les réglages du quiz sont enregistrés.";
        return Redirect($"/quiz/{quizId}/modifier");
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid quizId, Guid questionId, int direction, CancellationToken ct)
    {
        if (!await LoadAsync(quizId, ct))
        {
            return NotFound();
        }
        await actions.MoveQuestionAsync(quizId, questionId, direction, ct);
        return Redirect($"/quiz/{quizId}/modifier#question-{questionId}");
    }

    public async Task<IActionResult> OnPostDeleteQuestionAsync(Guid quizId, Guid questionId, CancellationToken ct)
    {
        if (!await LoadAsync(quizId, ct))
        {
            return NotFound();
        }
        await actions.DeleteQuestionAsync(quizId, questionId, ct);
        Notice = "La question est supprimée.";
        return Redirect($"/quiz/{quizId}/modifier#questions");
    }

    public async Task<IActionResult> OnPostCopyAsync(Guid quizId, Guid targetClassId, CancellationToken ct)
    {
        if (!await LoadAsync(quizId, ct) || OtherClasses.All(c => c.Id != targetClassId) || await book.ForClassAsync(targetClassId, ct) is not { CanWrite: true } target)
        {
            return NotFound();
        }
        var copyId = await actions.CopyAsync(Open.Quiz, targetClassId, ct);
        Notice = $"Le quiz est copié dans la classe {target.ClassName}, en brouillon : choisissez ses dates pour l'ouvrir.";
        return Redirect($"/quiz/{copyId}/modifier");
    }

    /// <summary>Links the quiz to skill items: pupils at or above the threshold are proposed for their validation.</summary>
    public async Task<IActionResult> OnPostSkillsAsync(Guid quizId, List<Guid> itemIds, int threshold, CancellationToken ct)
    {
        if (!await LoadAsync(quizId, ct))
        {
            return NotFound();
        }
        if (threshold is < 1 or > 100)
        {
            Error = "Le seuil de réussite doit être entre 1 et 100 %.";
            return Redirect($"/quiz/{quizId}/modifier#skills");
        }
        await actions.LinkSkillsAsync(quizId, [.. itemIds.Where(id => SkillItems.Any(i => i.Id == id))], threshold, ct);
        Notice = "Les compétences liées sont enregistrées.";
        return Redirect($"/quiz/{quizId}/modifier#skills");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid quizId, CancellationToken ct)
    {
        if (!await LoadAsync(quizId, ct))
        {
            return NotFound();
        }
        await actions.DeleteAsync(quizId, ct);
        Notice = "Le quiz est supprimé.";
        return Redirect($"/classe/{Open.Quiz.ClassId}/quiz");
    }

    private async Task<bool> LoadAsync(Guid quizId, CancellationToken ct)
    {
        if (await book.OpenAsync(quizId, ct) is not { Class.CanWrite: true } open)
        {
            return false;
        }
        Open = open;
        (Questions, Choices) = await book.QuestionsAsync(quizId, ct);
        ClassPupils = await book.PupilsOfClassAsync(open.Quiz.ClassId, ct);
        Chosen = open.Quiz.ToWholeClass ? [] : [.. open.Addressed.Select(p => p.Id)];
        OtherClasses = await book.TaughtClassesAsync(open.Quiz.ClassId, ct);
        SkillItems = await skills.ActiveItemsAsync(ct);
        LinkedItems = (await db.QuizSkillItems.AsNoTracking().Where(s => s.QuizId == quizId).Select(s => s.ItemId).ToListAsync(ct)).ToHashSet();
        return true;
    }
}
