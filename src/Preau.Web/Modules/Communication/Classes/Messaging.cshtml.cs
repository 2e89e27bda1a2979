using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Communication.Contracts;
using Preau.Web.Modules.Communication.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Communication.Classes;

/// <summary>The class's teacher (or director) opens, limits to the teacher, or closes pupils' messaging.</summary>
[Authorize(Policy = Policies.SchoolStaff)]
public sealed class MessagingModel(PreauDbContext db, ScopeAccess scope, AccessContext context, TimeProvider time) : PageModel
{
    public string ClassName { get; private set; } = "";

    [BindProperty]
    public PupilMessaging Mode { get; set; }

    // Nullable, so that a page shown without saving writes nothing to TempData (a plain bool wrote « false » under a key
    // that other pages read as text, and broke them); a key of its own all the same.
    [TempData(Key = "MessagingSaved")]
    public bool? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Mode = await db.ClassMessagingSettings.AsNoTracking().Where(s => s.ClassId == id).Select(s => (PupilMessaging?)s.Mode).FirstOrDefaultAsync()
            ?? PupilMessaging.TeacherOnly;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!Enum.IsDefined(Mode))
        {
            return BadRequest();
        }
        var setting = await db.ClassMessagingSettings.FirstOrDefaultAsync(s => s.ClassId == id);
        if (setting is null)
        {
            setting = new ClassMessagingSetting { ClassId = id };
            db.ClassMessagingSettings.Add(setting);
        }
        setting.Mode = Mode;
        setting.UpdatedAt = time.GetUtcNow().UtcDateTime;
        setting.UpdatedBy = context.PersonId;
        await db.SaveChangesAsync();
        Saved = true;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (!await scope.CanManageClassAsync(id))
        {
            return false;
        }
        ClassName = await db.Classes.AsNoTracking().Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync() ?? "";
        return true;
    }
}
