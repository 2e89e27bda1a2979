using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Homework.Contracts;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Homework;

internal sealed class HomeworkDueService(AccessContext context, HomeworkBook book, PreauDbContext db, TimeProvider time) : IHomeworkDue
{
    public async Task<IReadOnlyList<ChildHomework>> ForHomeAsync(CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        List<(Guid PupilId, Guid ClassId)> pupils = [.. a.PupilClassIds.Select(c => (a.PersonId, c)), .. a.ChildClasses];
        if (pupils.Count == 0)
        {
            return [];
        }
        var today = HomeworkTime.Today(time);
        var next = HomeworkTime.NextSchoolDay(today);
        var due = await book.DueAsync(pupils, today.AddDays(1), today.AddDays(7), ct);
        var ids = pupils.Select(p => p.PupilId).Distinct().ToList();
        var names = await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.FirstName })
            .ToDictionaryAsync(p => p.Id, p => p.FirstName, ct);
        HomeworkItem Item(DueWork d) => new(d.EntryId, d.Subject, d.Work, d.DueOn, HomeworkTime.Day(d.DueOn), d.HandIn);
        return [.. pupils.OrderBy(p => names.GetValueOrDefault(p.PupilId)).Select(p => new ChildHomework(p.PupilId, names.GetValueOrDefault(p.PupilId) ?? "", p.ClassId,
            [.. due.Where(d => d.PupilId == p.PupilId && d.ClassId == p.ClassId && d.DueOn <= next).Select(Item)],
            [.. due.Where(d => d.PupilId == p.PupilId && d.ClassId == p.ClassId && d.DueOn > next).Select(Item)],
            next != today.AddDays(1)))];
    }
}
