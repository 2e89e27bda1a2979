using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Homework;

/// <summary>The cahier de textes: entries the person wrote, and a pupil's handed-in work with the teacher's comment.</summary>
internal sealed class HomeworkPersonalData(PreauDbContext db) : IPersonalDataSection, IPersonalDataErasure
{
    public string Name => "Homework";

    public async Task<object> ReadAsync(Guid personId, CancellationToken ct)
    {
        var written = await (from e in db.HomeworkEntries.AsNoTracking()
                             where e.AuthorId == personId
                             join s in db.HomeworkSubjects.AsNoTracking() on e.SubjectId equals s.Id
                             join c in db.Classes.AsNoTracking() on e.ClassId equals c.Id
                             orderby e.Day descending
                             select new { e.Day, Class = c.Name, Subject = s.Name, e.Session, e.Work, e.DueOn, e.CreatedAt }).ToListAsync(ct);
        var handedIn = await (from h in db.HomeworkSubmissions.AsNoTracking()
                              where h.PupilId == personId
                              join e in db.HomeworkEntries.AsNoTracking() on h.EntryId equals e.Id
                              join s in db.HomeworkSubjects.AsNoTracking() on e.SubjectId equals s.Id
                              orderby h.SubmittedAt descending
                              select new { h.SubmittedAt, Subject = s.Name, e.Work, e.DueOn, TeacherComment = h.Comment, h.CommentedAt }).ToListAsync(ct);
        return new { EntriesWritten = written, HandedIn = handedIn };
    }

    /// <summary>A pupil's handed-in work (its files go with it) and the entries addressed to them alone.</summary>
    public async Task EraseAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        var ids = personIds.ToList();
        await db.HomeworkSubmissions.Where(s => ids.Contains(s.PupilId)).ExecuteDeleteAsync(ct);
        await db.HomeworkEntryPupils.Where(p => ids.Contains(p.PupilId)).ExecuteDeleteAsync(ct);
    }
}
