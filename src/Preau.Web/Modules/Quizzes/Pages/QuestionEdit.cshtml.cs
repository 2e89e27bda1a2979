using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Quizzes.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Quizzes.Pages;

/// <summary>Adds or edits one question: its kind, text, choices with their correct flags or accepted answers, picture and explanation.</summary>
[Authorize(Policy = Policies.SignedIn)]
[RequestSizeLimit(QuizFiles.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = QuizFiles.MaxRequestBytes)]
public sealed class QuestionEditModel(QuizBook book, QuizActions actions, QuizFiles files, PreauDbContext db) : PageModel
{
    public OpenQuiz Open { get; private set; } = null!;
    public Guid? QuestionId { get; private set; }
    public string? ImageUrl { get; private set; }

    [BindProperty]
    public QuestionInput Input { get; set; } = new();

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid quizId, Guid? questionId, CancellationToken ct)
    {
        if (await LoadAsync(quizId, questionId, ct) is not { } question)
        {
            return NotFound();
        }
        if (question.Id != Guid.Empty)
        {
            var choices = await db.QuizChoices.AsNoTracking().Where(c => c.QuestionId == question.Id).OrderBy(c => c.Position).ToListAsync(ct);
            Input = new QuestionInput
            {
                Kind = question.Kind, Text = question.Text, Explanation = question.Explanation, AcceptedAnswers = question.AcceptedAnswers,
                TrueIsCorrect = question.Kind != QuestionKind.TrueFalse || choices.FirstOrDefault()?.IsCorrect == true,
                Choices = [.. choices.Select(c => new ChoiceInput { Text = c.Text, IsCorrect = c.IsCorrect })],
            };
        }
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid quizId, Guid? questionId, IFormFile? image, bool removeImage, CancellationToken ct)
    {
        if (await LoadAsync(quizId, questionId, ct) is not { } question)
        {
            return NotFound();
        }
        Guid? imageId = null;
        var isNew = question.Id == Guid.Empty;
        var id = isNew ? Guid.NewGuid() : question.Id;
        Error = Input.Check();
        if (Error is null && image is { Length: > 0 })
        {
            (imageId, Error) = await files.SaveImageAsync(image, id, Open.Quiz.ClassId, ct);
        }
        if (Error is not null)
        {
            // Shown again with everything typed.
            Pad();
            return Page();
        }
        await actions.SaveQuestionAsync(quizId, id, isNew, Input, imageId, removeImage, ct);
        TempData["Notice"] = "La question est enregistrée.";
        return Redirect($"/quiz/{quizId}/modifier#questions");
    }

    /// <summary>The quiz (the teacher's) and the question (a blank one when adding), or null.</summary>
    private async Task<Question?> LoadAsync(Guid quizId, Guid? questionId, CancellationToken ct)
    {
        if (await book.OpenAsync(quizId, ct) is not { Class.CanWrite: true } open)
        {
            return null;
        }
        Open = open;
        QuestionId = questionId;
        if (questionId is not { } id)
        {
            return new Question { Id = Guid.Empty, Text = "" };
        }
        var question = await db.QuizQuestions.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id && q.QuizId == quizId, ct);
        ImageUrl = question?.ImageFileId is { } f ? QuizFiles.Url(f) : null;
        return question;
    }

    private void Pad()
    {
        while (Input.Choices.Count < QuestionInput.ChoiceSlots)
        {
            Input.Choices.Add(new ChoiceInput());
        }
    }
}
