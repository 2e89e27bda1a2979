using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Quizzes;

/// <summary>A pupil's quiz attempts and scores; the quizzes a teacher wrote.</summary>
internal sealed class QuizzesPersonalData(PreauDbContext db) : IPersonalDataSection, IPersonalDataErasure
{
    public string Name => "Quizzes";

    public async Task<object> ReadAsync(Guid personId, CancellationToken ct)
    {
        var attempts = await (from a in db.QuizAttempts.AsNoTracking()
                              where a.PupilId == personId
                              join q in db.Quizzes.AsNoTracking() on a.QuizId equals q.Id
                              orderby a.SubmittedAt descending
                              select new { Quiz = q.Title, a.SubmittedAt, a.Score, a.Total }).ToListAsync(ct);
        var written = await db.Quizzes.AsNoTracking().Where(q => q.AuthorId == personId).OrderByDescending(q => q.CreatedAt)
            .Select(q => new { q.CreatedAt, q.Title, q.Instructions }).ToListAsync(ct);
        return new { Attempts = attempts, QuizzesWritten = written };
    }

    /// <summary>The pupil's attempts with their answers, and the quizzes given to them by name.</summary>
    public async Task EraseAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        var ids = personIds.ToList();
        var attempts = db.QuizAttempts.Where(a => ids.Contains(a.PupilId)).Select(a => a.Id);
        await db.QuizAnswers.Where(a => attempts.Contains(a.AttemptId)).ExecuteDeleteAsync(ct);
        await db.QuizAttempts.Where(a => ids.Contains(a.PupilId)).ExecuteDeleteAsync(ct);
        await db.QuizPupils.Where(p => ids.Contains(p.PupilId)).ExecuteDeleteAsync(ct);
    }
}
