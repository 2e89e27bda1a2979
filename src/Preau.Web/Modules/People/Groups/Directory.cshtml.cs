using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.People.Groups;

/// <summary>
/// The members of a group, visible to its members and to administrators. The owner and moderators add
/// members by login, change their role and dates, and remove them.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DirectoryModel(PreauDbContext db, AccessContext context, ILogger<DirectoryModel> logger) : PageModel
{
    public static readonly GroupRole[] GroupRoles = [GroupRole.Owner, GroupRole.Moderator, GroupRole.Contributor, GroupRole.Member, GroupRole.Reader];

    public sealed record MemberRow(Guid PersonId, string FirstName, string LastName, string? Login, GroupRole Role, DateOnly? StartsOn, DateOnly? EndsOn);

    [BindProperty]
    public MemberInput Input { get; set; } = new();

    public string GroupName { get; private set; } = "";
    public string? Description { get; private set; }
    public Guid OwnerId { get; private set; }
    public bool CanManage { get; private set; }
    public IReadOnlyList<MemberRow> Members { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public sealed class MemberInput
    {
        [Required(ErrorMessage = "Saisissez l'identifiant de la personne.")]
        [StringLength(256)]
        [Display(Name = "Identifiant")]
        public string Login { get; set; } = "";

        [Display(Name = "Rôle dans le groupe")]
        public GroupRole Role { get; set; } = GroupRole.Member;

        [Display(Name = "Début")]
        public DateOnly? StartsOn { get; set; }

        [Display(Name = "Fin")]
        public DateOnly? EndsOn { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !CanManage)
        {
            return NotFound();
        }
        if (Input.StartsOn is { } s && Input.EndsOn is { } e && e < s)
        {
            ModelState.AddModelError("Input.EndsOn", "La fin doit suivre le début.");
        }
        Guid? personId = null;
        if (!string.IsNullOrWhiteSpace(Input.Login))
        {
            var normalized = Input.Login.Trim().ToUpperInvariant();
            personId = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
            if (personId is null)
            {
                ModelState.AddModelError("Input.Login", "Aucun compte ne porte cet identifiant.");
            }
            else if (Members.Any(m => m.PersonId == personId))
            {
                ModelState.AddModelError("Input.Login", "Cette personne est déjà membre du groupe.");
            }
        }
        if (Input.Role == GroupRole.Owner)
        {
            ModelState.AddModelError("Input.Role", "Le groupe a déjà un propriétaire.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.GroupMembers.Add(new GroupMember { GroupId = id, PersonId = personId!.Value, Role = Input.Role, StartsOn = Input.StartsOn, EndsOn = Input.EndsOn });
        // A partner's home shows the groups they are invited to through a membership of the group.
        if (await db.Memberships.AnyAsync(m => m.PersonId == personId && m.Role == Role.Partner, ct))
        {
            db.Memberships.Add(new Membership { PersonId = personId.Value, Role = Role.Partner, ScopeType = ScopeType.Group, ScopeId = id, StartsOn = Input.StartsOn, EndsOn = Input.EndsOn });
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Person {PersonId} added to group {GroupId}", personId, id);
        Notice = "La personne a été ajoutée au groupe.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid id, Guid personId, GroupRole role, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !CanManage || personId == OwnerId || role == GroupRole.Owner || !Enum.IsDefined(role))
        {
            return NotFound();
        }
        var updated = await db.GroupMembers.Where(m => m.GroupId == id && m.PersonId == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, role), ct);
        if (updated == 0)
        {
            return NotFound();
        }
        Notice = "Le rôle a été modifié.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid personId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !CanManage || personId == OwnerId)
        {
            return NotFound();
        }
        var removed = await db.GroupMembers.Where(m => m.GroupId == id && m.PersonId == personId).ExecuteDeleteAsync(ct);
        await db.Memberships.Where(m => m.PersonId == personId && m.ScopeType == ScopeType.Group && m.ScopeId == id).ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            return NotFound();
        }
        logger.LogInformation("Person {PersonId} removed from group {GroupId}", personId, id);
        Notice = "La personne a été retirée du groupe.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var access = await context.GetAsync(ct);
        if (!access.IsTerritoryAdmin && !access.GroupIds.Contains(id))
        {
            return false;
        }
        var group = await db.Groups.AsNoTracking().Where(g => g.Id == id).Select(g => new { g.Name, g.Description, g.OwnerId }).FirstOrDefaultAsync(ct);
        if (group is null)
        {
            return false;
        }
        GroupName = group.Name;
        Description = group.Description;
        OwnerId = group.OwnerId;
        Members = await (from m in db.GroupMembers.AsNoTracking()
                         where m.GroupId == id
                         join p in db.Persons.AsNoTracking() on m.PersonId equals p.Id
                         join u in db.Users.AsNoTracking() on p.Id equals u.Id into pu
                         from u in pu.DefaultIfEmpty()
                         orderby m.Role, p.LastName, p.FirstName
                         select new MemberRow(p.Id, p.FirstName, p.LastName, u == null ? null : u.UserName, m.Role, m.StartsOn, m.EndsOn)).ToListAsync(ct);
        var mine = Members.FirstOrDefault(m => m.PersonId == access.PersonId);
        CanManage = access.IsTerritoryAdmin || (access.GroupIds.Contains(id) && mine?.Role is GroupRole.Owner or GroupRole.Moderator);
        return true;
    }
}
