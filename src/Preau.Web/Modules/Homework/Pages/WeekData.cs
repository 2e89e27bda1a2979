using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Homework.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Homework.Pages;

public sealed record WeekEntry(Entry Entry, string Subject, int HandedIn, int Addressed);

/// <summary>A class's entries for one week (Monday to Sunday), filtered to what the person may read, in a fixed number of queries.</summary>
public sealed class WeekData(PreauDbContext db, HomeworkBook book)
{
    private sealed record Row(Entry Entry, string Subject);

    // Compiled once: every family opens the cahier de textes in the evening (ADR 0019).
    private static readonly Func<PreauDbContext, Guid, DateOnly, DateOnly, IAsyncEnumerable<Row>> Week = EF.CompileAsyncQuery(
        (PreauDbContext db, Guid classId, DateOnly monday, DateOnly sunday) =>
            from e in db.HomeworkEntries.AsNoTracking()
            where e.ClassId == classId && e.Day >= monday && e.Day <= sunday
            join s in db.HomeworkSubjects.AsNoTracking() on e.SubjectId equals s.Id
            orderby e.Day, s.Position, e.CreatedAt
            select new Row(e, s.Name));

    private static readonly Func<PreauDbContext, List<Guid>, IAsyncEnumerable<EntryPupil>> Chosen = EF.CompileAsyncQuery(
        (PreauDbContext db, List<Guid> ids) => db.HomeworkEntryPupils.AsNoTracking().Where(p => ids.Contains(p.EntryId)));

    public async Task<IReadOnlyList<WeekEntry>> LoadAsync(ClassView view, DateOnly monday, CancellationToken ct = default)
    {
        var rows = await Week(db, view.ClassId, monday, monday.AddDays(6)).ToListAsync(ct);
        // Only work for chosen pupils has a list of them: most weeks have none, and no query.
        var ids = rows.Where(r => !r.Entry.ToWholeClass).Select(r => r.Entry.Id).ToList();
        var chosen = ids.Count == 0 ? Array.Empty<EntryPupil>().ToLookup(p => p.EntryId, p => p.PupilId)
            : (await Chosen(db, ids).ToListAsync(ct)).ToLookup(p => p.EntryId, p => p.PupilId);
        if (!view.IsStaff)
        {
            return [.. rows.Where(r => view.Concerns(r.Entry, chosen)).Select(r => new WeekEntry(r.Entry, r.Subject, 0, 0))];
        }
        var handIn = rows.Where(r => r.Entry.HandIn).Select(r => r.Entry.Id).ToList();
        var handed = handIn.Count == 0 ? new Dictionary<Guid, int>()
            : await db.HomeworkSubmissions.AsNoTracking().Where(s => handIn.Contains(s.EntryId) && s.SubmittedAt != default)
                .GroupBy(s => s.EntryId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var classSize = handIn.Count == 0 ? 0 : (await book.PupilsOfClassAsync(view.ClassId, ct)).Count;
        return [.. rows.Select(r => new WeekEntry(r.Entry, r.Subject, handed.GetValueOrDefault(r.Entry.Id),
            r.Entry.ToWholeClass ? classSize : chosen[r.Entry.Id].Count()))];
    }
}
