using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.People.Directory;

/// <summary>
/// The people of a class. Staff who manage the class also see the pupils' logins and guardians; a parent
/// sees the teachers and their own children; a pupil sees teachers and classmates' names.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ClassModel(PreauDbContext db, ScopeAccess scopes, AccessContext context, TimeProvider time, IServiceSwitches switches) : PageModel
{
    public sealed record StaffRow(Guid PersonId, string FirstName, string LastName, Role Role, DateOnly? EndsOn);
    public sealed record PupilRow(Guid PersonId, string FirstName, string LastName, string? Login, DateOnly? BirthDate);
    public sealed record GuardianRow(Guid PupilId, Guid GuardianId, string FirstName, string LastName, string? Login, Relationship Relationship, bool HasParentalAuthority);

    public string ClassName { get; private set; } = "";
    public Guid SchoolId { get; private set; }
    public string SchoolName { get; private set; } = "";
    public bool CanManage { get; private set; }
    public bool OnlyOwnChildren { get; private set; }
    public IReadOnlyList<StaffRow> Staff { get; private set; } = [];
    public IReadOnlyList<PupilRow> Pupils { get; private set; } = [];
    public ILookup<Guid, GuardianRow> Guardians { get; private set; } = Array.Empty<GuardianRow>().ToLookup(g => g.PupilId);

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await scopes.CanSeeClassAsync(id, ct))
        {
            return NotFound();
        }
        var cls = await (from c in db.Classes.AsNoTracking()
                         join s in db.Schools.AsNoTracking() on c.SchoolId equals s.Id
                         where c.Id == id
                         select new { c.Name, c.SchoolId, School = s.Name, s.DistrictId }).FirstOrDefaultAsync(ct);
        if (cls is null)
        {
            return NotFound();
        }
        ClassName = cls.Name;
        SchoolId = cls.SchoolId;
        SchoolName = cls.School;
        CanManage = await scopes.CanManageClassAsync(id, ct);
        // Switched off, the directory stays the page where the class's staff manage its people; nobody else sees it.
        if (!CanManage && !await switches.IsOnAsync(ServiceKeys.Directory, ScopeType.Class, id, ct))
        {
            return NotFound();
        }
        var access = await context.GetAsync(ct);
        // A parent who is not staff of this school only sees their own children.
        OnlyOwnChildren = access.ChildClassIds.Contains(id) && !CanManage && !access.IsOperator && !access.IsStaffOfSchool(cls.SchoolId)
            && !access.PupilClassIds.Contains(id) && !access.ScopeIds(Role.Advisor, ScopeType.District).Contains(cls.DistrictId);
        var childIds = access.ChildIds.ToList();
        var today = Platform.Time.ParisDate.Today(time);
        var active = db.Memberships.AsNoTracking()
            .Where(m => m.ScopeType == ScopeType.Class && m.ScopeId == id
                && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today));

        Staff = await (from m in active
                       // Partners invited into the class are listed with the end of their invitation (ADR 0037).
                       where m.Role == Role.Teacher || m.Role == Role.SchoolStaff || m.Role == Role.Partner
                       join p in db.Persons.AsNoTracking() on m.PersonId equals p.Id
                       orderby m.Role, p.LastName, p.FirstName
                       select new StaffRow(p.Id, p.FirstName, p.LastName, m.Role, m.Role == Role.Partner ? m.EndsOn : null)).ToListAsync(ct);

        var pupils = from m in active
                     where m.Role == Role.Pupil
                     join p in db.Persons.AsNoTracking() on m.PersonId equals p.Id
                     select p;
        if (OnlyOwnChildren)
        {
            pupils = pupils.Where(p => childIds.Contains(p.Id));
        }
        var manage = CanManage;
        Pupils = await (from p in pupils
                        join u in db.Users.AsNoTracking() on p.Id equals u.Id into pu
                        from u in pu.DefaultIfEmpty()
                        orderby p.LastName, p.FirstName
                        select new PupilRow(p.Id, p.FirstName, p.LastName, manage && u != null ? u.UserName : null, manage ? p.BirthDate : null))
            .ToListAsync(ct);

        if (CanManage)
        {
            var pupilIds = active.Where(m => m.Role == Role.Pupil).Select(m => m.PersonId);
            var guardians = await (from l in db.GuardianLinks.AsNoTracking()
                                   where pupilIds.Contains(l.PupilId)
                                   join p in db.Persons.AsNoTracking() on l.GuardianId equals p.Id
                                   join u in db.Users.AsNoTracking() on p.Id equals u.Id into pu
                                   from u in pu.DefaultIfEmpty()
                                   orderby p.LastName, p.FirstName
                                   select new GuardianRow(l.PupilId, p.Id, p.FirstName, p.LastName, u == null ? null : u.UserName, l.Relationship, l.HasParentalAuthority))
                .ToListAsync(ct);
            Guardians = guardians.ToLookup(g => g.PupilId);
        }
        return Page();
    }

    /// <summary>Takes a pupil out of the class: only the membership goes, the person and their account stay.</summary>
    /// <summary>The pupil whose removal waits for a second click (the page shows the question above the lists).</summary>
    public PupilRow? ConfirmRemoval { get; private set; }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid personId, bool confirm, CancellationToken ct)
    {
        if (!await scopes.CanManageClassAsync(id, ct))
        {
            return NotFound();
        }
        // The button sits beside « Nouveau mot de passe » on every row: a slip must not take a child out of the class.
        if (!confirm)
        {
            var page = await OnGetAsync(id, ct);
            if (page is not PageResult)
            {
                return page;
            }
            ConfirmRemoval = Pupils.FirstOrDefault(p => p.PersonId == personId);
            return ConfirmRemoval is null ? NotFound() : Page();
        }
        var removed = await db.Memberships
            .Where(m => m.PersonId == personId && m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && m.ScopeId == id)
            .ExecuteDeleteAsync(ct);
        await AccessStamp.BumpAsync(db, ct);
        if (removed == 0)
        {
            return NotFound();
        }
        Notice = "L'élève a été retiré de la classe. Son compte est conservé.";
        return RedirectToPage(new { id });
    }
}
