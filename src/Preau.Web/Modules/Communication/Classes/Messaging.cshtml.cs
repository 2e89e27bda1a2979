using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Communication.Contracts;
using Preau.Web.Modules.Communication.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Communication.Classes;

/// <summary>
/// The class's teacher (or director) opens, limits to the teacher, or closes pupils' messaging; and closes it for one
/// pupil on request (a family's, say), whatever the class's setting.
/// </summary>
[Authorize(Policy = Policies.SchoolStaff)]
public sealed class MessagingModel(PreauDbContext db, ScopeAccess scope, AccessContext context, TimeProvider time) : PageModel
{
    public string ClassName { get; private set; } = "";
    /// <summary>The class's pupils, those whose messaging is closed on its own marked.</summary>
    public IReadOnlyList<(Guid Id, string Name, bool Closed)> Pupils { get; private set; } = [];

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
        var pupils = await ClassPupils(id)
            .Join(db.Persons, m => m.PersonId, p => p.Id, (m, p) => new { p.Id, p.LastName, p.FirstName, Closed = db.PupilMessagingClosures.Any(c => c.PupilId == p.Id) })
            .ToListAsync();
        Pupils = [.. pupils.OrderBy(p => p.LastName).ThenBy(p => p.FirstName).Select(p => (p.Id, $"{p.FirstName} {p.LastName}", p.Closed))];
        return Page();
    }

    /// <summary>Replaces the closures of the class's pupils with <paramref name="closed"/> (the boxes ticked); other classes' pupils are never touched.</summary>
    public async Task<IActionResult> OnPostPupilsAsync(Guid id, List<Guid> closed)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var pupilIds = await ClassPupils(id).Select(m => m.PersonId).Distinct().ToListAsync();
        var wanted = closed.Where(pupilIds.Contains).ToHashSet();
        var existing = await db.PupilMessagingClosures.Where(c => pupilIds.Contains(c.PupilId)).ToListAsync();
        db.PupilMessagingClosures.RemoveRange(existing.Where(c => !wanted.Contains(c.PupilId)));
        var now = time.GetUtcNow().UtcDateTime;
        db.PupilMessagingClosures.AddRange(wanted.Where(p => existing.All(c => c.PupilId != p))
            .Select(p => new PupilMessagingClosure { PupilId = p, ClosedAt = now, ClosedBy = context.PersonId }));
        await db.SaveChangesAsync();
        Saved = true;
        return RedirectToPage(new { id });
    }

    private IQueryable<People.Data.Membership> ClassPupils(Guid id)
    {
        var today = Platform.Time.ParisDate.Today(time);
        return db.Memberships.AsNoTracking().Where(m => m.Role == People.Data.Role.Pupil && m.ScopeType == People.Data.ScopeType.Class && m.ScopeId == id
            && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today));
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
