using Preau.Web.Modules.Homework.Contracts;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Homework;

internal sealed class HomeworkDueService(AccessContext context, HomeworkBook book, TimeProvider time) : IHomeworkDue
{
    public async Task<IReadOnlyList<ChildHomework>> ForHomeAsync(CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        List<(Guid PupilId, Guid ClassId)> pupils = [.. a.PupilClassIds.Select(c => (a.PersonId, c)), .. a.ChildClasses];
        if (pupils.Count == 0)
        {
            return [];
        }
        var today = Platform.Time.ParisDate.Today(time);
        var next = HomeworkTime.NextSchoolDay(today);
        var due = await book.DueAsync(pupils, today.AddDays(1), today.AddDays(7), ct);
        // First names come with the (cached) access: the pupil's own, or the guardian's children's.
        var names = a.Children.ToDictionary(c => c.Id, c => c.FirstName);
        names.TryAdd(a.PersonId, a.FirstName);
        HomeworkItem Item(DueWork d) => new(d.EntryId, d.Subject, d.Work, d.DueOn, HomeworkTime.Day(d.DueOn), d.HandIn);
        return [.. pupils.OrderBy(p => names.GetValueOrDefault(p.PupilId)).Select(p => new ChildHomework(p.PupilId, names.GetValueOrDefault(p.PupilId) ?? "", p.ClassId,
            [.. due.Where(d => d.PupilId == p.PupilId && d.ClassId == p.ClassId && d.DueOn <= next).Select(Item)],
            [.. due.Where(d => d.PupilId == p.PupilId && d.ClassId == p.ClassId && d.DueOn > next).Select(Item)],
            next != today.AddDays(1)))];
    }
}
