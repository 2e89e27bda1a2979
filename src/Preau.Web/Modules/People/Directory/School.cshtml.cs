using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.People.Directory;

/// <summary>The people of a school: directors, the current year's classes with their teachers, school staff.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class SchoolModel(PreauDbContext db, ScopeAccess scopes, TimeProvider time, ILogger<SchoolModel> logger, IServiceSwitches switches) : PageModel
{
    public sealed record PersonRow(Guid MembershipId, Guid PersonId, string FirstName, string LastName, Role Role, Guid? ClassId);
    public sealed record ClassRow(Guid Id, string Name);

    public string SchoolName { get; private set; } = "";
    public bool CanManage { get; private set; }
    public IReadOnlyList<PersonRow> Directors { get; private set; } = [];
    public IReadOnlyList<PersonRow> SchoolStaff { get; private set; } = [];
    public IReadOnlyList<ClassRow> Classes { get; private set; } = [];
    public ILookup<Guid?, PersonRow> ClassStaff { get; private set; } = Array.Empty<PersonRow>().ToLookup(r => r.ClassId);

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await scopes.CanSeeSchoolAsync(id, ct))
        {
            return NotFound();
        }
        var name = await db.Schools.Where(s => s.Id == id).Select(s => s.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return NotFound();
        }
        SchoolName = name;
        CanManage = await scopes.CanManageSchoolAsync(id, ct);
        // Switched off, the directory stays the page where the director manages the school's people; nobody else sees it.
        if (!CanManage && !await switches.IsOnAsync(ServiceKeys.Directory, ScopeType.School, id, ct))
        {
            return NotFound();
        }
        var today = Platform.Time.ParisDate.Today(time);
        var currentClasses = from c in db.Classes.AsNoTracking()
                             join y in db.SchoolYears.AsNoTracking() on c.SchoolYearId equals y.Id
                             where c.SchoolId == id && y.IsCurrent && !c.IsArchived
                             select c;
        Classes = await currentClasses.OrderBy(c => c.Name).Select(c => new ClassRow(c.Id, c.Name)).ToListAsync(ct);
        var classIds = currentClasses.Select(c => (Guid?)c.Id);

        // One query for every adult of the school: directors, school-level staff, and the staff of each class.
        var rows = await (from m in db.Memberships.AsNoTracking()
                          where (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today)
                              && ((m.ScopeType == ScopeType.School && m.ScopeId == id && (m.Role == Role.Director || m.Role == Role.Teacher || m.Role == Role.SchoolStaff))
                                  || (m.ScopeType == ScopeType.Class && classIds.Contains(m.ScopeId) && (m.Role == Role.Teacher || m.Role == Role.SchoolStaff)))
                          join p in db.Persons.AsNoTracking() on m.PersonId equals p.Id
                          orderby p.LastName, p.FirstName
                          select new PersonRow(m.Id, p.Id, p.FirstName, p.LastName, m.Role, m.ScopeType == ScopeType.Class ? m.ScopeId : null))
            .ToListAsync(ct);
        Directors = [.. rows.Where(r => r.ClassId is null && r.Role == Role.Director)];
        SchoolStaff = [.. rows.Where(r => r.ClassId is null && r.Role != Role.Director)];
        ClassStaff = rows.Where(r => r.ClassId is not null).ToLookup(r => r.ClassId);
        return Page();
    }

    /// <summary>The role whose removal waits for a second click (the page shows the question above the lists).</summary>
    public PersonRow? ConfirmRemoval { get; private set; }

    /// <summary>The class a role to remove belongs to, for the question; null for a school-level role.</summary>
    public string? ConfirmRemovalClass => ConfirmRemoval?.ClassId is { } c ? Classes.FirstOrDefault(x => x.Id == c)?.Name : null;

    /// <summary>Ends a staff member's role in the school or one of its classes; the person and their account stay.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid membershipId, bool confirm, CancellationToken ct)
    {
        if (!await scopes.CanManageSchoolAsync(id, ct))
        {
            return NotFound();
        }
        // One click beside « Nouveau mot de passe » must not take a teacher out of their class (or the director out of the school).
        if (!confirm)
        {
            var page = await OnGetAsync(id, ct);
            if (page is not PageResult)
            {
                return page;
            }
            ConfirmRemoval = Directors.Concat(SchoolStaff).Concat(ClassStaff.SelectMany(g => g)).FirstOrDefault(r => r.MembershipId == membershipId);
            return ConfirmRemoval is null ? NotFound() : Page();
        }
        var schoolClasses = db.Classes.Where(c => c.SchoolId == id).Select(c => (Guid?)c.Id);
        var removed = await db.Memberships
            .Where(m => m.Id == membershipId && (m.Role == Role.Director || m.Role == Role.Teacher || m.Role == Role.SchoolStaff)
                && ((m.ScopeType == ScopeType.School && m.ScopeId == id) || (m.ScopeType == ScopeType.Class && schoolClasses.Contains(m.ScopeId))))
            .ExecuteDeleteAsync(ct);
        await AccessStamp.BumpAsync(db, ct);
        if (removed == 0)
        {
            return NotFound();
        }
        logger.LogInformation("Membership {MembershipId} removed from school {SchoolId}", membershipId, id);
        Notice = "Le rôle a été retiré. Le compte de la personne est conservé.";
        return RedirectToPage(new { id });
    }
}
