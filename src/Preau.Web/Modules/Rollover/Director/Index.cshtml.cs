using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Rollover.Director;

/// <summary>
/// The director's passage to next year: preview (next year's classes, names editable, pupils moving and leaving),
/// apply, then one teacher per next year's class.
/// </summary>
[Authorize(Policy = Policies.SchoolStaff)]
public sealed class IndexModel(PreauDbContext db, ScopeAccess scope, AccessContext context, SchoolRollover rollover, AuditTrail audit,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "vers")]
    public string? TargetLabel { get; set; }

    /// <summary>Next year's name of each class, by the id of this year's class.</summary>
    [BindProperty]
    public Dictionary<Guid, string> Names { get; set; } = [];

    /// <summary>The teacher of each of next year's classes, by class id (empty: none).</summary>
    [BindProperty]
    public Dictionary<Guid, Guid?> Teachers { get; set; } = [];

    [TempData]
    public string? Saved { get; set; }

    public Guid SchoolId { get; private set; }
    public string SchoolName { get; private set; } = "";
    public string? Error { get; private set; }
    public SchoolRollover.Years? Years { get; private set; }
    public SchoolPlan? Plan { get; private set; }
    public IReadOnlyList<NextClass> NextClasses { get; private set; } = [];
    public IReadOnlyList<Staff> Candidates { get; private set; } = [];

    public sealed record NextClass(Guid Id, string Name, Preau.Web.Modules.Territory.Data.Levels Levels, Guid? TeacherId, int Pupils);

    public sealed record Staff(Guid Id, string Name);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (Years is null || Plan is null || Plan.AlreadyApplied)
        {
            return Page();
        }
        var names = Names.Where(n => !string.IsNullOrWhiteSpace(n.Value)).ToDictionary(n => n.Key, n => n.Value.Trim());
        if (names.Values.Any(n => n.Length > 100))
        {
            ModelState.AddModelError("", l["Le nom d'une classe fait 100 caractères au plus."]);
            return Page();
        }
        var result = await rollover.ApplySchoolAsync(Years, SchoolId, (await context.GetAsync(ct)).PersonId, names, ct);
        Saved = l["Passage en {0} fait : {1} classes créées, {2} élèves passés, {3} élèves quittent l'école. Affectez maintenant les enseignants.",
            Years.TargetLabel, result.ClassesCreated, result.PupilsMoved, result.PupilsLeaving];
        return Redirect($"/ecole/{SchoolId}/passage?vers={Uri.EscapeDataString(Years.TargetLabel)}");
    }

    public async Task<IActionResult> OnPostTeachersAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (Years?.TargetId is not { } targetId || NextClasses.Count == 0)
        {
            return Page();
        }
        var allowed = Candidates.Select(c => c.Id).ToHashSet();
        if (Teachers.Values.Any(t => t is { } tid && !allowed.Contains(tid)))
        {
            ModelState.AddModelError("", l["Choisissez les enseignants dans la liste."]);
            return Page();
        }
        var classIds = NextClasses.Select(c => c.Id).ToList();
        var current = await db.Memberships.Where(m => m.Role == Role.Teacher && m.ScopeType == ScopeType.Class && classIds.Contains(m.ScopeId!.Value))
            .ToListAsync(ct);
        var changed = 0;
        foreach (var c in NextClasses.Where(c => Teachers.ContainsKey(c.Id)))
        {
            var wanted = Teachers[c.Id];
            var existing = current.Where(m => m.ScopeId == c.Id).ToList();
            if (existing.Count == 1 && existing[0].PersonId == wanted || existing.Count == 0 && wanted is null)
            {
                continue;
            }
            db.Memberships.RemoveRange(existing);
            if (wanted is { } teacherId)
            {
                db.Memberships.Add(new Membership { PersonId = teacherId, Role = Role.Teacher, ScopeType = ScopeType.Class, ScopeId = c.Id, SchoolYearId = targetId });
            }
            changed++;
        }
        audit.Add((await context.GetAsync(ct)).PersonId, "rollover.teachers", "School", SchoolId, $"classes={changed}");
        await db.SaveChangesAsync(ct);
        Saved = l["Enseignants enregistrés pour {0} classes.", changed];
        return Redirect($"/ecole/{SchoolId}/passage?vers={Uri.EscapeDataString(Years.TargetLabel)}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await scope.CanManageSchoolAsync(id, ct))
        {
            return false;
        }
        var school = await db.Schools.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.Id, s.Name }).FirstOrDefaultAsync(ct);
        if (school is null)
        {
            return false;
        }
        (SchoolId, SchoolName) = (school.Id, school.Name);
        if (string.IsNullOrWhiteSpace(TargetLabel))
        {
            var current = await rollover.CurrentYearAsync(ct);
            TargetLabel = current is null ? null : SchoolRollover.NextLabel(current);
        }
        try
        {
            Years = await rollover.ResolveAsync(TargetLabel, ct);
        }
        catch (RolloverException ex)
        {
            Error = ex.Message;
            return true;
        }
        Plan = (await rollover.PreviewAsync(Years, SchoolId, ct: ct)).SingleOrDefault();
        if (Years.TargetId is { } targetId && Plan?.AlreadyApplied == true)
        {
            NextClasses = await db.Classes.AsNoTracking().Where(c => c.SchoolId == SchoolId && c.SchoolYearId == targetId && !c.IsArchived)
                .OrderBy(c => c.Name)
                .Select(c => new NextClass(c.Id, c.Name, c.Levels,
                    db.Memberships.Where(m => m.ScopeType == ScopeType.Class && m.ScopeId == c.Id && m.Role == Role.Teacher).Select(m => (Guid?)m.PersonId).FirstOrDefault(),
                    db.Memberships.Count(m => m.ScopeType == ScopeType.Class && m.ScopeId == c.Id && m.Role == Role.Pupil)))
                .ToListAsync(ct);
            // The school's staff: directors, teachers and staff of the school, and teachers of its classes in any year.
            var schoolClassIds = db.Classes.Where(c => c.SchoolId == SchoolId).Select(c => (Guid?)c.Id);
            Candidates = await db.Persons.AsNoTracking()
                .Where(p => p.LeftOn == null && db.Memberships.Any(m => m.PersonId == p.Id
                    && ((m.ScopeType == ScopeType.School && m.ScopeId == SchoolId && (m.Role == Role.Director || m.Role == Role.Teacher || m.Role == Role.SchoolStaff))
                        || (m.ScopeType == ScopeType.Class && m.Role == Role.Teacher && schoolClassIds.Contains(m.ScopeId)))))
                .OrderBy(p => p.LastName).ThenBy(p => p.FirstName)
                .Select(p => new Staff(p.Id, p.FirstName + " " + p.LastName)).ToListAsync(ct);
        }
        return true;
    }
}
