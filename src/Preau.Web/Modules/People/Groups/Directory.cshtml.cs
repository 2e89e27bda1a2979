using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.People.Groups;

/// <summary>
/// The current members of a group (the « Annuaire » service), visible to its members and to administrators.
/// Members are managed on the group's page.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DirectoryModel(PreauDbContext db, AccessContext context, IServiceSwitches switches) : PageModel
{
    public const int PageSize = 50;

    public sealed record MemberRow(Guid PersonId, string FirstName, string LastName, GroupRole Role, DateOnly? StartsOn, DateOnly? EndsOn);

    public Guid Id { get; private set; }
    public string GroupName { get; private set; } = "";
    public string? Description { get; private set; }
    public Shared.Paged<MemberRow> Members { get; private set; } = new([], 1, PageSize, 0);

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Territory.Pager Pager => new(Members.Page, Members.PageCount, p => Territory.Pager.Link($"/groupe/{Id}/annuaire", p));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var access = await context.GetAsync(ct);
        if ((!access.IsTerritoryAdmin && !access.GroupIds.Contains(id)) || !await switches.IsOnAsync(ServiceKeys.Directory, ScopeType.Group, id, ct))
        {
            return NotFound();
        }
        var group = await db.Groups.AsNoTracking().Where(g => g.Id == id).Select(g => new { g.Name, g.Description }).FirstOrDefaultAsync(ct);
        if (group is null)
        {
            return NotFound();
        }
        Id = id;
        GroupName = group.Name;
        Description = group.Description;
        // The model's filter keeps today's members only.
        var members = db.GroupMembers.AsNoTracking().Where(m => m.GroupId == id);
        var total = await members.CountAsync(ct);
        var page = Territory.Pager.Clamp(PageNumber, total, PageSize);
        var items = await (from m in members
                           join p in db.Persons.AsNoTracking() on m.PersonId equals p.Id
                           orderby m.Role, p.LastName, p.FirstName, p.Id
                           select new MemberRow(p.Id, p.FirstName, p.LastName, m.Role, m.StartsOn, m.EndsOn))
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Members = new Shared.Paged<MemberRow>(items, page, PageSize, total);
        return Page();
    }
}
