using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Quizzes.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Quizzes;

public sealed record QuizPupilName(Guid Id, string FirstName, string LastName)
{
    public string Name => $"{FirstName} {LastName}";
}

/// <summary>
/// The current person in a class's quizzes: staff (its teachers, the director, administrators) see every quiz and its
/// results, its teachers edit; a pupil takes the quizzes meant for them; a guardian reads their children's results.
/// </summary>
public sealed record QuizClass(Guid ClassId, string ClassName, bool IsStaff, bool CanWrite, bool IsPupil, IReadOnlyList<Guid> OwnPupils);

public enum QuizState
{
    Draft,
    NotYetOpen,
    Open,
    Closed,
}

/// <summary>A quiz as the current person may see it, with the pupils it is for.</summary>
public sealed class OpenQuiz
{
    public required Quiz Quiz { get; init; }
    public required QuizClass Class { get; init; }
    public required IReadOnlyList<QuizPupilName> Addressed { get; init; }
    public required QuizState State { get; init; }
    public IReadOnlyList<QuizPupilName> Own => [.. Addressed.Where(p => Class.OwnPupils.Contains(p.Id))];
}

/// <summary>Reading quizzes with object-level checks: every method answers null (→ 404) when it is not the person's.</summary>
public sealed class QuizBook(PreauDbContext db, AccessContext context, ScopeAccess scopes, TimeProvider time, IServiceSwitches switches)
{
    public async Task<QuizClass?> ForClassAsync(Guid classId, CancellationToken ct = default)
    {
        var cls = await db.Classes.AsNoTracking().Where(c => c.Id == classId).Select(c => new { c.Name, c.SchoolId }).FirstOrDefaultAsync(ct);
        if (cls is null || !await switches.IsOnAsync(ServiceKeys.Quiz, ScopeType.Class, classId, ct))
        {
            return null;
        }
        var a = await context.GetAsync(ct);
        var staff = a.IsTerritoryAdmin || a.TeachesClass(classId) || a.IsDirectorOf(cls.SchoolId);
        var pupil = a.PupilClassIds.Contains(classId);
        IReadOnlyList<Guid> own = pupil ? [a.PersonId] : [.. a.ChildClasses.Where(c => c.ClassId == classId).Select(c => c.PupilId)];
        if (!staff && own.Count == 0)
        {
            return null;
        }
        return new QuizClass(classId, cls.Name, staff, staff && await scopes.CanManageClassAsync(classId, ct), pupil, own);
    }

    public async Task<OpenQuiz?> OpenAsync(Guid quizId, CancellationToken ct = default)
    {
        var quiz = await db.Quizzes.AsNoTracking().FirstOrDefaultAsync(q => q.Id == quizId, ct);
        if (quiz is null || await ForClassAsync(quiz.ClassId, ct) is not { } cls)
        {
            return null;
        }
        var state = StateOf(quiz);
        if (!cls.IsStaff && state == QuizState.Draft)
        {
            return null;
        }
        var pupils = await PupilsOfClassAsync(quiz.ClassId, ct);
        if (!quiz.ToWholeClass)
        {
            var chosen = (await db.QuizPupils.AsNoTracking().Where(p => p.QuizId == quizId).Select(p => p.PupilId).ToListAsync(ct)).ToHashSet();
            pupils = [.. pupils.Where(p => chosen.Contains(p.Id))];
        }
        var open = new OpenQuiz { Quiz = quiz, Class = cls, Addressed = pupils, State = state };
        return cls.IsStaff || open.Own.Count > 0 ? open : null;
    }

    /// <summary>The opening window, checked against the server's clock (never the browser's).</summary>
    public QuizState StateOf(Quiz quiz)
    {
        if (quiz.OpensAt is not { } opens)
        {
            return QuizState.Draft;
        }
        var now = time.GetUtcNow().UtcDateTime;
        return now < opens ? QuizState.NotYetOpen : quiz.ClosesAt is { } closes && now > closes ? QuizState.Closed : QuizState.Open;
    }

    public async Task<IReadOnlyList<QuizPupilName>> PupilsOfClassAsync(Guid classId, CancellationToken ct = default)
    {
        var today = Platform.Time.ParisDate.Today(time);
        return await (from m in db.Memberships.AsNoTracking()
                      where m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && m.ScopeId == classId
                          && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today)
                      join p in db.Persons.AsNoTracking() on m.PersonId equals p.Id
                      orderby p.LastName, p.FirstName
                      select new QuizPupilName(p.Id, p.FirstName, p.LastName)).ToListAsync(ct);
    }

    /// <summary>Classes (not archived) the current person teaches, other than this one: targets of a copy.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> TaughtClassesAsync(Guid? except, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var taught = a.Memberships.Where(m => m.Role == Role.Teacher && m.ScopeType == ScopeType.Class && m.ScopeId != except)
            .Select(m => m.ScopeId!.Value).Distinct().ToList();
        if (taught.Count == 0)
        {
            return [];
        }
        var rows = await db.Classes.AsNoTracking().Where(c => taught.Contains(c.Id) && !c.IsArchived).OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        return [.. rows.Select(c => (c.Id, c.Name))];
    }

    public async Task<(IReadOnlyList<Question> Questions, ILookup<Guid, Choice> Choices)> QuestionsAsync(Guid quizId, CancellationToken ct = default)
    {
        var questions = await db.QuizQuestions.AsNoTracking().Where(q => q.QuizId == quizId).OrderBy(q => q.Position).ToListAsync(ct);
        var ids = questions.Select(q => q.Id).ToList();
        var choices = await db.QuizChoices.AsNoTracking().Where(c => ids.Contains(c.QuestionId)).OrderBy(c => c.Position).ToListAsync(ct);
        return (questions, choices.ToLookup(c => c.QuestionId));
    }

    /// <summary>Each pupil's latest attempt (the one that counts).</summary>
    public async Task<IReadOnlyDictionary<Guid, Attempt>> LatestAttemptsAsync(Guid quizId, IReadOnlyCollection<Guid> pupilIds, CancellationToken ct = default)
    {
        var ids = pupilIds.ToList();
        var attempts = await db.QuizAttempts.AsNoTracking().Where(t => t.QuizId == quizId && ids.Contains(t.PupilId)).ToListAsync(ct);
        return attempts.GroupBy(t => t.PupilId).ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.SubmittedAt).First());
    }
}
