using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.Homework.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Homework;

public sealed record HomeworkPupil(Guid Id, string FirstName, string LastName)
{
    public string Name => $"{FirstName} {LastName}";
    /// <summary>"Nom Prénom", the order teachers file work by.</summary>
    public string FileName => $"{LastName} {FirstName}";
}

/// <summary>
/// The current person in a class's cahier de textes: its staff (teachers, director, administrators) read everything
/// and its teachers write; a pupil reads what is for them; a guardian what is for their children there.
/// </summary>
public sealed record ClassView(Guid ClassId, string ClassName, Guid SchoolId, bool IsStaff, bool CanWrite, bool IsPupil, IReadOnlyList<Guid> OwnPupils)
{
    /// <summary>Whether an entry is for one of the person's own pupils (themselves, their children).</summary>
    public bool Concerns(Entry e, ILookup<Guid, Guid> chosen) => e.ToWholeClass ? OwnPupils.Count > 0 : chosen[e.Id].Any(OwnPupils.Contains);
}

/// <summary>An entry as the current person may see it.</summary>
public sealed class OpenEntry
{
    public required Entry Entry { get; init; }
    public required string SubjectName { get; init; }
    public required ClassView View { get; init; }
    /// <summary>The pupils the work is for, by name (the whole class today, or the chosen ones).</summary>
    public required IReadOnlyList<HomeworkPupil> Addressed { get; init; }
    /// <summary>Among them, the person's own (themselves as a pupil, their children as a guardian).</summary>
    public IReadOnlyList<HomeworkPupil> Own => [.. Addressed.Where(p => View.OwnPupils.Contains(p.Id))];
}

/// <summary>A piece of work due, for one pupil.</summary>
public sealed record DueWork(Guid PupilId, Guid EntryId, Guid ClassId, string Subject, string Work, DateOnly DueOn, bool HandIn);

/// <summary>Reading the cahier de textes with object-level checks: every method answers null (→ 404) when it is not the person's.</summary>
public sealed class HomeworkBook(PreauDbContext db, AccessContext context, ScopeAccess scopes, TimeProvider time, IServiceSwitches switches, IRememberedResults remembered)
{
    public async Task<ClassView?> ForClassAsync(Guid classId, CancellationToken ct = default)
    {
        // The classes a person reaches come named with the cached access: a query only for the others (an administrator's).
        var a = await context.GetAsync(ct);
        var cls = a.Classes.TryGetValue(classId, out var reached) ? new { reached.Name, reached.SchoolId }
            : await db.Classes.AsNoTracking().Where(c => c.Id == classId).Select(c => new { c.Name, c.SchoolId }).FirstOrDefaultAsync(ct);
        if (cls is null || !await switches.IsOnAsync(ServiceKeys.Homework, ScopeType.Class, classId, ct))
        {
            return null;
        }
        var isStaff = a.IsTerritoryAdmin || a.TeachesClass(classId) || a.IsDirectorOf(cls.SchoolId);
        var isPupil = a.PupilClassIds.Contains(classId);
        IReadOnlyList<Guid> own = isPupil ? [a.PersonId] : [.. a.ChildClasses.Where(c => c.ClassId == classId).Select(c => c.PupilId)];
        if (!isStaff && own.Count == 0)
        {
            return null;
        }
        var canWrite = isStaff && await scopes.CanManageClassAsync(classId, ct);
        return new ClassView(classId, cls.Name, cls.SchoolId, isStaff, canWrite, isPupil, own);
    }

    public async Task<OpenEntry?> OpenAsync(Guid entryId, CancellationToken ct = default)
    {
        var row = await (from e in db.HomeworkEntries.AsNoTracking()
                         where e.Id == entryId
                         join s in db.HomeworkSubjects.AsNoTracking() on e.SubjectId equals s.Id
                         select new { Entry = e, Subject = s.Name }).FirstOrDefaultAsync(ct);
        if (row is null || await ForClassAsync(row.Entry.ClassId, ct) is not { } view)
        {
            return null;
        }
        var pupils = await PupilsOfClassAsync(row.Entry.ClassId, ct);
        if (!row.Entry.ToWholeClass)
        {
            var chosen = (await db.HomeworkEntryPupils.AsNoTracking().Where(p => p.EntryId == entryId).Select(p => p.PupilId).ToListAsync(ct)).ToHashSet();
            pupils = [.. pupils.Where(p => chosen.Contains(p.Id))];
        }
        var open = new OpenEntry { Entry = row.Entry, SubjectName = row.Subject, View = view, Addressed = pupils };
        return view.IsStaff || open.Own.Count > 0 ? open : null;
    }

    /// <summary>The pupils of a class today, by name.</summary>
    public async Task<IReadOnlyList<HomeworkPupil>> PupilsOfClassAsync(Guid classId, CancellationToken ct = default)
    {
        var today = Platform.Time.ParisDate.Today(time);
        return await (from m in db.Memberships.AsNoTracking()
                      where m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && m.ScopeId == classId
                          && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today)
                      join p in db.Persons.AsNoTracking() on m.PersonId equals p.Id
                      orderby p.LastName, p.FirstName
                      select new HomeworkPupil(p.Id, p.FirstName, p.LastName)).ToListAsync(ct);
    }

    /// <summary>
    /// The work due between two days (inclusive) for these pupils in these classes, in ONE query whatever the
    /// number of pupils: whole-class work, and work for chosen pupils among them.
    /// </summary>
    public async Task<IReadOnlyList<DueWork>> DueAsync(IReadOnlyCollection<(Guid PupilId, Guid ClassId)> pupils, DateOnly first, DateOnly last, CancellationToken ct = default)
    {
        // A class that switched its cahier de textes off shows no work due anywhere (home page, « mes devoirs »).
        var off = await switches.OffAmongAsync(ServiceKeys.Homework, ScopeType.Class, [.. pupils.Select(p => p.ClassId).Distinct()], ct);
        if (off.Count > 0)
        {
            pupils = [.. pupils.Where(p => !off.Contains(p.ClassId))];
        }
        if (pupils.Count == 0)
        {
            return [];
        }
        var classIds = pupils.Select(p => p.ClassId).Distinct().ToList();
        var pupilIds = pupils.Select(p => p.PupilId).Distinct().ToList();
        // Every family's home page and week ask this each evening: kept while nothing changes in the classes' cahier de
        // textes or for these pupils (ADR 0041).
        var rows = await remembered.GetAsync(DueStatement, pupilIds[0], (first, last, classIds.Count), [.. classIds, .. pupilIds],
            async c => await Due(db, classIds, pupilIds, first, last).ToListAsync(c), ct);
        var due = from r in rows
                  from p in pupils
                  where p.ClassId == r.ClassId && (r.ToWholeClass || r.Chosen.Contains(p.PupilId))
                  select new DueWork(p.PupilId, r.Id, r.ClassId, r.Subject, r.Work!, r.DueOn!.Value, r.HandIn);
        return [.. due];
    }

    private sealed record DueRow(Guid Id, Guid ClassId, string Subject, string? Work, DateOnly? DueOn, bool HandIn, bool ToWholeClass, List<Guid> Chosen);

    // Compiled once: every family's home page runs it (building and looking up the expression tree each time cost
    // more processor than the query in the profiles).
    private static readonly System.Linq.Expressions.Expression<Func<PreauDbContext, List<Guid>, List<Guid>, DateOnly, DateOnly, IQueryable<DueRow>>> DueQuery =
        (db, classIds, pupilIds, first, last) =>
            from e in db.HomeworkEntries.AsNoTracking()
            where classIds.Contains(e.ClassId) && e.Work != null && e.DueOn >= first && e.DueOn <= last
            join s in db.HomeworkSubjects.AsNoTracking() on e.SubjectId equals s.Id
            orderby e.DueOn, s.Position
            select new DueRow(e.Id, e.ClassId, s.Name, e.Work, e.DueOn, e.HandIn, e.ToWholeClass,
                db.HomeworkEntryPupils.Where(p => p.EntryId == e.Id && pupilIds.Contains(p.PupilId)).Select(p => p.PupilId).ToList());

    private static readonly Func<PreauDbContext, List<Guid>, List<Guid>, DateOnly, DateOnly, IAsyncEnumerable<DueRow>> Due = EF.CompileAsyncQuery(DueQuery);

    /// <summary>
    /// The work due, remembered (ADR 0041): an entry and a subject are placed by their class, a pupil chosen for an entry
    /// by the pupil.
    /// </summary>
    internal static readonly RememberedStatement DueStatement = new("homework-due", DueQuery, ["ClassId", "PupilId"]);

    /// <summary>Whether the drop box takes files now: work à rendre, before its deadline or reopened by the teacher.</summary>
    public bool IsDropBoxOpen(Entry e) => e.HandIn && (e.Reopened || e.DueAt is null || time.GetUtcNow().UtcDateTime <= e.DueAt.Value);
}
