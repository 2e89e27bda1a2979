using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.People.Groups;

/// <summary>Teachers, directors, advisors and municipal agents create groups; the creator becomes the owner.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class CreateModel(PreauDbContext db, AccessContext context, ILogger<CreateModel> logger) : PageModel
{
    [BindProperty]
    public GroupInput Input { get; set; } = new();

    public sealed class GroupInput
    {
        [Required(ErrorMessage = "Donnez un nom au groupe.")]
        [StringLength(150)]
        [Display(Name = "Nom du groupe")]
        public string Name { get; set; } = "";

        [StringLength(1000)]
        [Display(Name = "Description")]
        public string? Description { get; set; }

        [Display(Name = "Début")]
        public DateOnly? StartsOn { get; set; }

        [Display(Name = "Fin")]
        public DateOnly? EndsOn { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await MayCreateAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await MayCreateAsync(ct))
        {
            return NotFound();
        }
        if (Input.StartsOn is { } s && Input.EndsOn is { } e && e < s)
        {
            ModelState.AddModelError("Input.EndsOn", "La fin doit suivre le début.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var owner = (await context.GetAsync(ct)).PersonId;
        var group = new Group
        {
            Name = Input.Name.Trim(),
            Description = string.IsNullOrWhiteSpace(Input.Description) ? null : Input.Description.Trim(),
            OwnerId = owner,
            StartsOn = Input.StartsOn,
            EndsOn = Input.EndsOn,
        };
        db.Groups.Add(group);
        db.GroupMembers.Add(new GroupMember { GroupId = group.Id, PersonId = owner, Role = GroupRole.Owner });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Group {GroupId} created by {PersonId}", group.Id, owner);
        TempData["Notice"] = "Le groupe a été créé. Ajoutez-y des membres.";
        return Redirect($"/groupe/{group.Id}/annuaire");
    }

    private async Task<bool> MayCreateAsync(CancellationToken ct)
    {
        var a = await context.GetAsync(ct);
        return a.IsTerritoryAdmin || a.HasRole(Role.Teacher) || a.HasRole(Role.Director) || a.HasRole(Role.Advisor) || a.HasRole(Role.MunicipalAgent);
    }
}
