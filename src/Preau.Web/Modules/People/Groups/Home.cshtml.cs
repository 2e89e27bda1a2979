using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Home;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.People.Groups;

/// <summary>
/// A group's page. Members see its services and may leave; owners and moderators invite, answer join requests,
/// set end dates and remove; only owners change roles and services. A person outside a group sees it only when
/// it is open (to ask to join); otherwise 404, whatever the URL.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class HomeModel(PreauDbContext db, AccessContext context, GroupService groups, GroupServices services) : PageModel
{
    public const int MembersPageSize = 50;
    public const int SearchSize = 20;

    public sealed record MemberRow(Guid PersonId, string Name, GroupRole Role, DateOnly? StartsOn, DateOnly? EndsOn, bool IsPartner);
    public sealed record RequestRow(Guid Id, Guid PersonId, string Name, GroupRole Role, DateOnly? EndsOn, DateTime CreatedAt);

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public bool IsOpen { get; private set; }
    public DateOnly? StartsOn { get; private set; }
    public DateOnly? EndsOn { get; private set; }
    public DateOnly Today { get; private set; }
    /// <summary>The person's role today; null for an administrator or a visitor of an open group.</summary>
    public GroupRole? MyRole { get; private set; }
    public bool CanModerate { get; private set; }
    public bool CanManage { get; private set; }
    public bool HasRequested { get; private set; }
    public bool IsLastOwner { get; private set; }
    public IReadOnlyList<(ServiceDefinition Service, bool Enabled)> Services { get; private set; } = [];
    public Shared.Paged<MemberRow> Members { get; private set; } = new([], 1, MembersPageSize, 0);
    public IReadOnlyList<RequestRow> JoinRequests { get; private set; } = [];
    public IReadOnlyList<RequestRow> Invitations { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Successors { get; private set; } = [];
    public IReadOnlyList<Invitable> Candidates { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public InviteInput Invite { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public string? Error { get; private set; }

    public Territory.Pager MembersPager => new(Members.Page, Members.PageCount, p => Territory.Pager.Link($"/groupe/{Id}", p, ("q", Q)));

    public sealed class InviteInput
    {
        public Guid? PersonId { get; set; }
        public GroupRole Role { get; set; } = GroupRole.Member;
        public DateOnly? StartsOn { get; set; }
        public DateOnly? EndsOn { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostInviteAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !CanModerate)
        {
            return NotFound();
        }
        var error = Invite.PersonId is { } personId
            ? await groups.InviteAsync(id, personId, Invite.Role, Invite.StartsOn, Invite.EndsOn, ct)
            : "Choisissez la personne à inviter.";
        return await DoneAsync(id, error, "L'invitation a été envoyée.", ct);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, Guid requestId, CancellationToken ct) =>
        await LoadAsync(id, ct) && CanModerate
            ? await DoneAsync(id, await groups.CancelInvitationAsync(id, requestId, ct), "L'invitation a été retirée.", ct)
            : NotFound();

    public async Task<IActionResult> OnPostRequestAsync(Guid id, Guid requestId, bool accept, CancellationToken ct) =>
        await LoadAsync(id, ct) && CanModerate
            ? await DoneAsync(id, await groups.AnswerJoinRequestAsync(id, requestId, accept, ct), accept ? "La demande a été acceptée." : "La demande a été refusée.", ct)
            : NotFound();

    public async Task<IActionResult> OnPostRoleAsync(Guid id, Guid personId, GroupRole role, CancellationToken ct) =>
        await LoadAsync(id, ct) && CanManage
            ? await DoneAsync(id, await groups.ChangeRoleAsync(id, personId, role, ct), "Le rôle a été modifié.", ct)
            : NotFound();

    public async Task<IActionResult> OnPostEndAsync(Guid id, Guid personId, DateOnly? endsOn, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !CanModerate)
        {
            return NotFound();
        }
        // A moderator does not shorten an owner's or another moderator's membership.
        var target = await db.GroupMembers.IgnoreQueryFilters().Where(m => m.GroupId == id && m.PersonId == personId).Select(m => (GroupRole?)m.Role).FirstOrDefaultAsync(ct);
        var error = !CanManage && target is GroupRole.Owner or GroupRole.Moderator
            ? "Seul un propriétaire modifie les dates d'un propriétaire ou d'un modérateur."
            : await groups.SetEndDateAsync(id, personId, endsOn, ct);
        return await DoneAsync(id, error, "La date de fin a été enregistrée.", ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid personId, CancellationToken ct) =>
        await LoadAsync(id, ct) && CanModerate
            ? await DoneAsync(id, await groups.RemoveAsync(id, personId, CanManage ? GroupRole.Owner : GroupRole.Moderator, ct), "La personne a été retirée du groupe.", ct)
            : NotFound();

    public async Task<IActionResult> OnPostServicesAsync(Guid id, string[] enabled, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !CanManage)
        {
            return NotFound();
        }
        await services.SaveAsync(id, enabled, ct);
        return await DoneAsync(id, null, "Les services du groupe ont été enregistrés.", ct);
    }

    public async Task<IActionResult> OnPostLeaveAsync(Guid id, Guid? successorId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || MyRole is null)
        {
            return NotFound();
        }
        var error = await groups.LeaveAsync(id, successorId, ct);
        if (error is null)
        {
            Notice = "Vous avez quitté le groupe.";
            return Redirect("/groupes");
        }
        return await DoneAsync(id, error, "", ct);
    }

    public async Task<IActionResult> OnPostJoinAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct)
            ? await DoneAsync(id, await groups.RequestToJoinAsync(id, ct), "Votre demande a été envoyée aux responsables du groupe.", ct)
            : NotFound();

    /// <summary>After an action: back to the page with a notice, or the same page with the reason of the refusal.</summary>
    private async Task<IActionResult> DoneAsync(Guid id, string? error, string notice, CancellationToken ct)
    {
        if (error is null)
        {
            Notice = notice;
            return Redirect($"/groupe/{id}");
        }
        Error = error;
        ModelState.Clear();
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var a = await context.GetAsync(ct);
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id && !g.IsArchived, ct);
        if (group is null)
        {
            return false;
        }
        MyRole = a.GroupIds.Contains(id) ? await groups.RoleOfAsync(id, a.PersonId, ct) : null;
        var visitor = MyRole is null && !a.IsTerritoryAdmin;
        // A group by invitation does not exist for those outside it; an open one shows itself to the adults who may ask to join.
        if (visitor && (!group.IsOpen || (a.HasRole(Role.Pupil) && !a.Memberships.Any(m => m.Role != Role.Pupil))))
        {
            return false;
        }
        Id = id;
        Name = group.Name;
        Description = group.Description;
        IsOpen = group.IsOpen;
        StartsOn = group.StartsOn;
        EndsOn = group.EndsOn;
        Today = groups.Today;
        CanManage = a.IsTerritoryAdmin || MyRole == GroupRole.Owner;
        CanModerate = CanManage || MyRole == GroupRole.Moderator;
        if (visitor)
        {
            HasRequested = await db.GroupRequests.AnyAsync(r => r.GroupId == id && r.PersonId == a.PersonId, ct);
            return true;
        }
        Services = await services.StateAsync(id, ct);
        await LoadMembersAsync(id, ct);
        if (MyRole == GroupRole.Owner)
        {
            IsLastOwner = !await db.GroupMembers.AnyAsync(m => m.GroupId == id && m.Role == GroupRole.Owner && m.PersonId != a.PersonId && m.EndsOn == null, ct);
            if (IsLastOwner)
            {
                var partners = db.Memberships.Where(m => m.Role == Role.Partner).Select(m => m.PersonId);
                Successors = (await (from m in db.GroupMembers.AsNoTracking()
                                     where m.GroupId == id && m.PersonId != a.PersonId && m.EndsOn == null && !partners.Contains(m.PersonId)
                                     join p in db.Persons.AsNoTracking() on m.PersonId equals p.Id
                                     orderby p.LastName, p.FirstName
                                     select new { p.Id, p.FirstName, p.LastName }).Take(200).ToListAsync(ct))
                    .Select(p => (p.Id, $"{p.FirstName} {p.LastName}")).ToList();
            }
        }
        if (CanModerate)
        {
            var requests = await (from r in db.GroupRequests.AsNoTracking()
                                  where r.GroupId == id
                                  join p in db.Persons.AsNoTracking() on r.PersonId equals p.Id
                                  orderby r.CreatedAt
                                  select new { r.Kind, Row = new RequestRow(r.Id, p.Id, p.FirstName + " " + p.LastName, r.Role, r.EndsOn, r.CreatedAt) }).ToListAsync(ct);
            JoinRequests = [.. requests.Where(r => r.Kind == GroupRequestKind.JoinRequest).Select(r => r.Row)];
            Invitations = [.. requests.Where(r => r.Kind == GroupRequestKind.Invitation).Select(r => r.Row)];
            if (Q is { Length: >= 2 })
            {
                Candidates = await groups.SearchInvitableAsync(id, Q, SearchSize, ct);
            }
        }
        return true;
    }

    private async Task LoadMembersAsync(Guid id, CancellationToken ct)
    {
        // Managers see every membership, upcoming and ended ones included, to extend or remove them.
        var rows = CanModerate ? db.GroupMembers.IgnoreQueryFilters().AsNoTracking() : db.GroupMembers.AsNoTracking();
        var members = rows.Where(m => m.GroupId == id);
        var total = await members.CountAsync(ct);
        var page = Territory.Pager.Clamp(PageNumber, total, MembersPageSize);
        var partners = db.Memberships.Where(m => m.Role == Role.Partner).Select(m => m.PersonId);
        var items = await (from m in members
                           join p in db.Persons.AsNoTracking() on m.PersonId equals p.Id
                           orderby m.Role, p.LastName, p.FirstName, p.Id
                           select new MemberRow(p.Id, p.FirstName + " " + p.LastName, m.Role, m.StartsOn, m.EndsOn, partners.Contains(p.Id)))
            .Skip((page - 1) * MembersPageSize).Take(MembersPageSize).ToListAsync(ct);
        Members = new Shared.Paged<MemberRow>(items, page, MembersPageSize, total);
    }
}
