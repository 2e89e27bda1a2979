using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Home;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.People.Groups;

/// <summary>
/// Teachers, directors, advisors and municipal agents create groups, open or by invitation, with the services
/// they want; the creator becomes the owner.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class CreateModel(PreauDbContext db, AccessContext context, GroupServices services, ILogger<CreateModel> logger) : PageModel
{
    [BindProperty]
    public GroupInput Input { get; set; } = new();

    public IReadOnlyList<ServiceDefinition> Services => services.Available;

    public sealed class GroupInput
    {
        [Required(ErrorMessage = "Donnez un nom au groupe.")]
        [StringLength(150, ErrorMessage = "Le nom compte 150 caractères au plus.")]
        [Display(Name = "Nom du groupe")]
        public string Name { get; set; } = "";

        [StringLength(1000, ErrorMessage = "La description compte 1 000 caractères au plus.")]
        [Display(Name = "Description")]
        public string? Description { get; set; }

        [Display(Name = "Début")]
        public DateOnly? StartsOn { get; set; }

        [Display(Name = "Fin")]
        public DateOnly? EndsOn { get; set; }

        /// <summary>Open: listed to the territory's adults, who may ask to join.</summary>
        public bool IsOpen { get; set; }

        /// <summary>Keys of the services chosen; null before the form is first shown (all of them by default).</summary>
        public string[]? Services { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Input.Services = [.. Services.Where(s => s.EnabledByDefault).Select(s => s.Key)];
        return GroupService.MayCreate(await context.GetAsync(ct)) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var a = await context.GetAsync(ct);
        if (!GroupService.MayCreate(a))
        {
            return NotFound();
        }
        if (GroupService.DatesError(Input.StartsOn, Input.EndsOn) is { } error)
        {
            ModelState.AddModelError("Input.EndsOn", error);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var group = new Group
        {
            Name = Input.Name.Trim(),
            Description = string.IsNullOrWhiteSpace(Input.Description) ? null : Input.Description.Trim(),
            OwnerId = a.PersonId,
            StartsOn = Input.StartsOn,
            EndsOn = Input.EndsOn,
            IsOpen = Input.IsOpen,
        };
        db.Groups.Add(group);
        db.GroupMembers.Add(new GroupMember { GroupId = group.Id, PersonId = a.PersonId, Role = GroupRole.Owner });
        await services.SaveAsync(group.Id, Input.Services ?? [.. Services.Where(s => s.EnabledByDefault).Select(s => s.Key)], ct);
        logger.LogInformation("Group {GroupId} created by {PersonId}", group.Id, a.PersonId);
        TempData["Notice"] = "Le groupe a été créé. Invitez-y des membres.";
        return Redirect($"/groupe/{group.Id}");
    }
}
