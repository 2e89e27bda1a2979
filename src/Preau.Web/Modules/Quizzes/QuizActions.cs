using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Quizzes.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Quizzes;

public sealed class ChoiceInput
{
    public string? Text { get; set; }
    public bool IsCorrect { get; set; }
}

public sealed class QuestionInput
{
    public const int ChoiceSlots = 6;

    public QuestionKind Kind { get; set; }
    public string? Text { get; set; }
    public string? Explanation { get; set; }
    public string? AcceptedAnswers { get; set; }
    /// <summary>True/false: whether « Vrai » is the right answer.</summary>
    public bool TrueIsCorrect { get; set; } = true;
    public List<ChoiceInput> Choices { get; set; } = [];

    /// <summary>The French reason the question cannot be saved, or null.</summary>
    public string? Check()
    {
        if (string.IsNullOrWhiteSpace(Text))
        {
            return "Écrivez la question.";
        }
        var filled = Choices.Where(c => !string.IsNullOrWhiteSpace(c.Text)).ToList();
        return Kind switch
        {
            QuestionKind.ShortAnswer when string.IsNullOrWhiteSpace(AcceptedAnswers) => "Indiquez au moins une réponse acceptée (une par ligne).",
            QuestionKind.SingleChoice or QuestionKind.MultipleChoice when filled.Count < 2 => "Proposez au moins deux réponses.",
            QuestionKind.SingleChoice when filled.Count(c => c.IsCorrect) != 1 => "Cochez une seule bonne réponse pour un choix unique.",
            QuestionKind.MultipleChoice when !filled.Any(c => c.IsCorrect) => "Cochez au moins une bonne réponse.",
            _ => null,
        };
    }
}

public sealed class QuizSettingsInput
{
    public string? Title { get; set; }
    public string? Instructions { get; set; }
    public DateTime? OpensAt { get; set; }
    public DateTime? ClosesAt { get; set; }
    public bool AllowRetries { get; set; }
    public ExplanationTiming Explanations { get; set; }
    public bool ToWholeClass { get; set; } = true;
    public List<Guid> PupilIds { get; set; } = [];
    public bool SharedInTerritory { get; set; }
}

/// <summary>What teachers and pupils do with quizzes. Callers pass an open quiz (access already checked).</summary>
public sealed class QuizActions(PreauDbContext db, AccessContext context, QuizFiles files, TimeProvider time, AuditTrail audit)
{
    public async Task<Guid> CreateAsync(Guid classId, string title, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var quiz = new Quiz { ClassId = classId, AuthorId = a.PersonId, Title = Cut(title.Trim(), 200), CreatedAt = time.GetUtcNow().UtcDateTime };
        db.Quizzes.Add(quiz);
        audit.Add(a.PersonId, "quiz.create", "Quiz", quiz.Id, null);
        await db.SaveChangesAsync(ct);
        return quiz.Id;
    }

    /// <summary>Saves the settings; null when done, else the French reason (nothing saved).</summary>
    public async Task<string?> SaveSettingsAsync(OpenQuiz open, QuizSettingsInput input, IReadOnlyCollection<Guid> classPupils, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(input.Title))
        {
            return "Donnez un titre au quiz.";
        }
        if (input.OpensAt is null && input.ClosesAt is not null)
        {
            return "Indiquez aussi la date d'ouverture.";
        }
        if (input.OpensAt is { } o && input.ClosesAt is { } c && c <= o)
        {
            return "La date de fermeture doit être après la date d'ouverture.";
        }
        var chosen = input.PupilIds.Where(classPupils.Contains).Distinct().ToList();
        if (!input.ToWholeClass && chosen.Count == 0)
        {
            return "Choisissez au moins un élève, ou ouvrez le quiz à toute la classe.";
        }
        if (input.OpensAt is not null && !await db.QuizQuestions.AnyAsync(q => q.QuizId == open.Quiz.Id, ct))
        {
            return "Ajoutez au moins une question avant d'ouvrir le quiz.";
        }
        var quiz = await db.Quizzes.SingleAsync(q => q.Id == open.Quiz.Id, ct);
        quiz.Title = Cut(input.Title.Trim(), 200);
        quiz.Instructions = Clean(input.Instructions, 2000);
        quiz.OpensAt = input.OpensAt is { } opens ? Platform.Time.ParisDate.ToUtc(opens) : null;
        quiz.ClosesAt = input.ClosesAt is { } closes ? Platform.Time.ParisDate.ToUtc(closes) : null;
        quiz.AllowRetries = input.AllowRetries;
        quiz.Explanations = input.Explanations;
        quiz.ToWholeClass = input.ToWholeClass;
        quiz.SharedInTerritory = input.SharedInTerritory;
        await db.QuizPupils.Where(p => p.QuizId == quiz.Id).ExecuteDeleteAsync(ct);
        if (!input.ToWholeClass)
        {
            db.QuizPupils.AddRange(chosen.Select(p => new QuizPupil { QuizId = quiz.Id, PupilId = p }));
        }
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// Adds (when <paramref name="isNew"/>) or replaces a question; a new picture replaces the old one. The caller has
    /// run <see cref="QuestionInput.Check"/>.
    /// </summary>
    public async Task SaveQuestionAsync(Guid quizId, Guid questionId, bool isNew, QuestionInput input, Guid? imageFileId, bool removeImage, CancellationToken ct = default)
    {
        Question question;
        if (!isNew)
        {
            question = await db.QuizQuestions.SingleAsync(q => q.Id == questionId && q.QuizId == quizId, ct);
            await db.QuizChoices.Where(c => c.QuestionId == questionId).ExecuteDeleteAsync(ct);
        }
        else
        {
            var last = await db.QuizQuestions.Where(q => q.QuizId == quizId).MaxAsync(q => (int?)q.Position, ct) ?? -1;
            question = new Question { Id = questionId, QuizId = quizId, Position = last + 1, Text = "" };
            db.QuizQuestions.Add(question);
        }
        question.Kind = input.Kind;
        question.Text = Cut(input.Text!.Trim(), 1000);
        question.Explanation = Clean(input.Explanation, 2000);
        question.AcceptedAnswers = input.Kind == QuestionKind.ShortAnswer ? Clean(string.Join('\n', (input.AcceptedAnswers ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), 2000) : null;
        if ((imageFileId is not null || removeImage) && question.ImageFileId is { } old)
        {
            await files.DeleteAsync(old, ct);
        }
        if (imageFileId is not null || removeImage)
        {
            question.ImageFileId = imageFileId;
        }
        IEnumerable<(string Text, bool Correct)> choices = input.Kind switch
        {
            QuestionKind.TrueFalse => [("Vrai", input.TrueIsCorrect), ("Faux", !input.TrueIsCorrect)],
            QuestionKind.ShortAnswer => [],
            _ => input.Choices.Where(c => !string.IsNullOrWhiteSpace(c.Text)).Select(c => (Cut(c.Text!.Trim(), 300), c.IsCorrect)),
        };
        db.QuizChoices.AddRange(choices.Select((c, i) => new Choice { QuestionId = question.Id, Position = i, Text = c.Text, IsCorrect = c.Correct }));
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteQuestionAsync(Guid quizId, Guid questionId, CancellationToken ct = default) =>
        await db.QuizQuestions.Where(q => q.Id == questionId && q.QuizId == quizId).ExecuteDeleteAsync(ct);

    /// <summary>Swaps a question with its neighbour (up: -1, down: +1).</summary>
    public async Task MoveQuestionAsync(Guid quizId, Guid questionId, int direction, CancellationToken ct = default)
    {
        var questions = await db.QuizQuestions.Where(q => q.QuizId == quizId).OrderBy(q => q.Position).ToListAsync(ct);
        var i = questions.FindIndex(q => q.Id == questionId);
        var j = i + Math.Sign(direction);
        if (i < 0 || j < 0 || j >= questions.Count)
        {
            return;
        }
        (questions[i], questions[j]) = (questions[j], questions[i]);
        for (var k = 0; k < questions.Count; k++)
        {
            questions[k].Position = k;
        }
        await db.SaveChangesAsync(ct);
    }

    public const string NotOpen = "Ce quiz n'est pas ouvert en ce moment : tes réponses n'ont pas été enregistrées.";
    public const string AlreadyDone = "Tu as déjà répondu à ce quiz.";

    /// <summary>
    /// Scores and records a pupil's answers. Refused outside the opening window (server clock) and, unless retries are
    /// allowed, after a first attempt. Returns the attempt, or the French reason.
    /// </summary>
    public async Task<(Attempt? Attempt, string? Error)> SubmitAsync(OpenQuiz open, Guid pupilId, IReadOnlyDictionary<Guid, (IReadOnlyCollection<Guid> Chosen, string? Text)> answers,
        IReadOnlyList<Question> questions, ILookup<Guid, Choice> choices, CancellationToken ct = default)
    {
        if (open.State != QuizState.Open)
        {
            return (null, NotOpen);
        }
        if (!open.Quiz.AllowRetries && await db.QuizAttempts.AnyAsync(t => t.QuizId == open.Quiz.Id && t.PupilId == pupilId, ct))
        {
            return (null, AlreadyDone);
        }
        var attempt = new Attempt { QuizId = open.Quiz.Id, PupilId = pupilId, SubmittedAt = time.GetUtcNow().UtcDateTime, Total = questions.Count };
        foreach (var q in questions)
        {
            var (chosen, text) = answers.TryGetValue(q.Id, out var a) ? a : ([], null);
            // Only the question's own choices count: a forged id from another question is ignored.
            var own = chosen.Where(id => choices[q.Id].Any(c => c.Id == id)).Distinct().ToList();
            var correct = QuizScoring.IsCorrect(q, [.. choices[q.Id]], own, text);
            attempt.Score += correct ? 1 : 0;
            db.QuizAnswers.Add(new Answer
            {
                AttemptId = attempt.Id, QuestionId = q.Id, ChoiceIds = own.Count == 0 ? null : string.Join(',', own),
                Text = q.Kind == QuestionKind.ShortAnswer ? Clean(text, 300) : null, IsCorrect = correct,
            });
        }
        db.QuizAttempts.Add(attempt);
        await db.SaveChangesAsync(ct);
        return (attempt, null);
    }

    /// <summary>
    /// Copies a quiz with its questions into a class: a draft (no dates, whole class, not shared) the teacher opens when
    /// ready. Works for next year's class too, and for a colleague's shared quiz. Pictures are copied with their question.
    /// </summary>
    public async Task<Guid> CopyAsync(Quiz source, Guid targetClassId, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var copy = new Quiz
        {
            ClassId = targetClassId, AuthorId = a.PersonId, Title = source.Title, Instructions = source.Instructions, AllowRetries = source.AllowRetries,
            Explanations = source.Explanations, SkillThresholdPercent = source.SkillThresholdPercent, CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Quizzes.Add(copy);
        var questions = await db.QuizQuestions.AsNoTracking().Where(q => q.QuizId == source.Id).OrderBy(q => q.Position).ToListAsync(ct);
        var ids = questions.Select(q => q.Id).ToList();
        var choices = (await db.QuizChoices.AsNoTracking().Where(c => ids.Contains(c.QuestionId)).ToListAsync(ct)).ToLookup(c => c.QuestionId);
        foreach (var q in questions)
        {
            var nq = new Question
            {
                QuizId = copy.Id, Position = q.Position, Kind = q.Kind, Text = q.Text, Explanation = q.Explanation,
                AcceptedAnswers = q.AcceptedAnswers,
            };
            nq.ImageFileId = q.ImageFileId is { } image ? await files.CopyImageAsync(image, nq.Id, targetClassId, ct) : null;
            db.QuizQuestions.Add(nq);
            db.QuizChoices.AddRange(choices[q.Id].Select(c => new Choice { QuestionId = nq.Id, Position = c.Position, Text = c.Text, IsCorrect = c.IsCorrect }));
        }
        var items = await db.QuizSkillItems.AsNoTracking().Where(s => s.QuizId == source.Id).Select(s => s.ItemId).ToListAsync(ct);
        db.QuizSkillItems.AddRange(items.Select(i => new QuizSkillItem { QuizId = copy.Id, ItemId = i }));
        audit.Add(a.PersonId, "quiz.copy", "Quiz", copy.Id, $"copie de {source.Id}");
        await db.SaveChangesAsync(ct);
        return copy.Id;
    }

    public async Task LinkSkillsAsync(Guid quizId, IReadOnlyCollection<Guid> itemIds, int threshold, CancellationToken ct = default)
    {
        await db.QuizSkillItems.Where(s => s.QuizId == quizId).ExecuteDeleteAsync(ct);
        db.QuizSkillItems.AddRange(itemIds.Distinct().Select(i => new QuizSkillItem { QuizId = quizId, ItemId = i }));
        await db.Quizzes.Where(q => q.Id == quizId).ExecuteUpdateAsync(u => u.SetProperty(q => q.SkillThresholdPercent, threshold), ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(Guid quizId, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        await db.Quizzes.Where(q => q.Id == quizId).ExecuteDeleteAsync(ct);
        audit.Add(a.PersonId, "quiz.delete", "Quiz", quizId, null);
        await db.SaveChangesAsync(ct);
    }

    private static string? Clean(string? text, int max) => string.IsNullOrWhiteSpace(text) ? null : Cut(text.Trim(), max);

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;
}
