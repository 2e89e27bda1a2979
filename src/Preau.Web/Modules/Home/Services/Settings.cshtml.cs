using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Home.Dashboard;
using Preau.Web.Modules.Home.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Home.Services;

/// <summary>Directors switch services on or off for their school, teachers (and directors) for a class.</summary>
[Authorize(Policy = Policies.SchoolStaff)]
public sealed class SettingsModel(PreauDbContext db, ScopeAccess access, ServiceCatalog catalog) : PageModel
{
    public sealed record Row(string Key, string Name, string Icon, bool Enabled, bool LockedBySchool);

    public string Name { get; private set; } = "";
    public bool IsSchool { get; private set; }
    public IReadOnlyList<Row> Services { get; private set; } = [];

    // Nullable and under a key of its own: see Communication/Classes/Messaging.
    [TempData(Key = "ServicesSaved")]
    public bool? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(string kind, Guid id) => await LoadAsync(kind, id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string kind, Guid id, string[] enabled)
    {
        if (!await LoadAsync(kind, id))
        {
            return NotFound();
        }
        var scope = IsSchool ? ScopeType.School : ScopeType.Class;
        var existing = await db.ServiceSettings.Where(s => s.ScopeType == scope && s.ScopeId == id).ToListAsync();
        foreach (var row in Services.Where(r => !r.LockedBySchool))
        {
            var on = enabled.Contains(row.Key);
            var setting = existing.FirstOrDefault(s => s.ServiceKey == row.Key);
            if (setting is null)
            {
                db.ServiceSettings.Add(new ServiceSetting { ScopeType = scope, ScopeId = id, ServiceKey = row.Key, Enabled = on });
            }
            else
            {
                setting.Enabled = on;
            }
        }
        await db.SaveChangesAsync();
        Saved = true;
        return RedirectToPage(new { kind, id });
    }

    private async Task<bool> LoadAsync(string kind, Guid id)
    {
        IsSchool = kind == "ecole";
        Guid? schoolId;
        if (IsSchool)
        {
            if (!await access.CanManageSchoolAsync(id))
            {
                return false;
            }
            Name = await db.Schools.Where(s => s.Id == id).Select(s => s.Name).FirstOrDefaultAsync() ?? "";
            schoolId = null;
        }
        else
        {
            if (!await access.CanManageClassAsync(id))
            {
                return false;
            }
            var cls = await db.Classes.Where(c => c.Id == id).Select(c => new { c.Name, c.SchoolId }).FirstOrDefaultAsync();
            if (cls is null)
            {
                return false;
            }
            Name = cls.Name;
            schoolId = cls.SchoolId;
        }
        var scope = IsSchool ? ScopeType.School : ScopeType.Class;
        var settings = await db.ServiceSettings.AsNoTracking()
            .Where(s => (s.ScopeType == scope && s.ScopeId == id) || (schoolId != null && s.ScopeType == ScopeType.School && s.ScopeId == schoolId))
            .ToListAsync();
        Services = [.. catalog.All.Where(s => s.Scopes.Contains(scope)).Select(s => new Row(s.Key, s.Name, s.Icon,
            SpacesQuery.IsEnabled(settings, s, scope, id),
            schoolId is not null && !SpacesQuery.IsEnabled(settings, s, ScopeType.School, schoolId.Value)))];
        return true;
    }
}
