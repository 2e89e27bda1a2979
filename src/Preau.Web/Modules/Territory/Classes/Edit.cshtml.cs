using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Preau.Web.Modules.Territory.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Territory.Classes;

[Authorize(Policy = Policies.SchoolStaff)]
public sealed class EditModel(PreauDbContext db, ScopeAccess scope, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Guid SchoolId { get; private set; }
    public string SchoolName { get; private set; } = "";
    public Guid? Id { get; private set; }
    public bool IsArchived { get; private set; }
    public string YearLabel { get; private set; } = "";

    /// <summary>Past years are archived: their classes stay readable but no longer change.</summary>
    public bool YearEnded { get; private set; }

    [TempData]
    public string? Saved { get; set; }

    public sealed class InputModel
    {
        public string? Name { get; set; }
        public List<Levels> Levels { get; set; } = [];
        public Scheme Scheme { get; set; }
        public Guid? YearId { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid schoolId, Guid? id, Guid? annee)
    {
        if (!await LoadSchoolAsync(schoolId))
        {
            return NotFound();
        }
        if (id is not null)
        {
            var schoolClass = await db.Classes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.SchoolId == SchoolId);
            if (schoolClass is null)
            {
                return NotFound();
            }
            Id = schoolClass.Id;
            IsArchived = schoolClass.IsArchived;
            Input = new InputModel
            {
                Name = schoolClass.Name,
                Levels = [.. TerritoryLabels.AllLevels.Where(x => schoolClass.Levels.HasFlag(x))],
                Scheme = schoolClass.Scheme,
                YearId = schoolClass.SchoolYearId,
            };
        }
        else
        {
            Input.YearId = await db.SchoolYears.AsNoTracking().Where(y => y.Id == annee).Select(y => (Guid?)y.Id).FirstOrDefaultAsync()
                ?? await db.SchoolYears.AsNoTracking().Where(y => y.IsCurrent).Select(y => (Guid?)y.Id).FirstOrDefaultAsync();
            if (Input.YearId is null)
            {
                return NotFound();
            }
        }
        await LoadYearAsync(Input.YearId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid schoolId, Guid? id)
    {
        if (!await LoadSchoolAsync(schoolId))
        {
            return NotFound();
        }
        SchoolClass? schoolClass = null;
        if (id is not null)
        {
            schoolClass = await db.Classes.FirstOrDefaultAsync(c => c.Id == id && c.SchoolId == SchoolId);
            if (schoolClass is null)
            {
                return NotFound();
            }
            Id = schoolClass.Id;
            IsArchived = schoolClass.IsArchived;
            Input.YearId = schoolClass.SchoolYearId;
        }
        await LoadYearAsync(Input.YearId);
        if (YearLabel.Length == 0)
        {
            return NotFound();
        }
        if (YearEnded)
        {
            ModelState.AddModelError("", l["L'année {0} est terminée : ses classes ne se modifient plus.", YearLabel]);
        }
        var name = Input.Name?.Trim() ?? "";
        var levels = Input.Levels.Where(x => TerritoryLabels.AllLevels.Contains(x)).Aggregate(Levels.None, (all, x) => all | x);
        if (name.Length is 0 or > 100)
        {
            ModelState.AddModelError("Input.Name", l["Le nom de la classe est obligatoire (100 caractères au plus)."]);
        }
        else if (await db.Classes.AnyAsync(c => c.SchoolId == SchoolId && c.SchoolYearId == Input.YearId && c.Name == name && c.Id != id))
        {
            ModelState.AddModelError("Input.Name", l["Une classe porte déjà ce nom cette année dans l'école."]);
        }
        if (levels == Levels.None)
        {
            ModelState.AddModelError("Input.Levels", l["Cochez au moins un niveau."]);
        }
        if (!Enum.IsDefined(Input.Scheme))
        {
            ModelState.AddModelError("Input.Scheme", l["Choisissez un dispositif dans la liste."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (schoolClass is null)
        {
            schoolClass = new SchoolClass { SchoolId = SchoolId, SchoolYearId = Input.YearId!.Value, Name = name };
            db.Classes.Add(schoolClass);
        }
        schoolClass.Name = name;
        schoolClass.Levels = levels;
        schoolClass.Scheme = Input.Scheme;
        await db.SaveChangesAsync();
        Saved = l["Classe « {0} » enregistrée.", name];
        return Redirect($"/ecole/{SchoolId}/classes?annee={schoolClass.SchoolYearId}");
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid schoolId, Guid id, bool archive)
    {
        if (!await LoadSchoolAsync(schoolId))
        {
            return NotFound();
        }
        var schoolClass = await db.Classes.FirstOrDefaultAsync(c => c.Id == id && c.SchoolId == SchoolId);
        if (schoolClass is null)
        {
            return NotFound();
        }
        await LoadYearAsync(schoolClass.SchoolYearId);
        if (YearEnded)
        {
            ModelState.AddModelError("", l["L'année {0} est terminée : ses classes ne se modifient plus.", YearLabel]);
            Id = schoolClass.Id;
            IsArchived = schoolClass.IsArchived;
            Input = new InputModel
            {
                Name = schoolClass.Name,
                Levels = [.. TerritoryLabels.AllLevels.Where(x => schoolClass.Levels.HasFlag(x))],
                Scheme = schoolClass.Scheme,
                YearId = schoolClass.SchoolYearId,
            };
            return Page();
        }
        schoolClass.IsArchived = archive;
        await db.SaveChangesAsync();
        Saved = archive ? l["Classe « {0} » archivée.", schoolClass.Name] : l["Classe « {0} » rétablie.", schoolClass.Name];
        return Redirect($"/ecole/{SchoolId}/classes?annee={schoolClass.SchoolYearId}");
    }

    private async Task<bool> LoadSchoolAsync(Guid schoolId)
    {
        var school = await ClassPages.FindManagedSchoolAsync(db, scope, schoolId);
        if (school is null)
        {
            return false;
        }
        (SchoolId, SchoolName) = school.Value;
        return true;
    }

    private async Task LoadYearAsync(Guid? yearId)
    {
        var year = yearId is null ? null
            : await db.SchoolYears.AsNoTracking().Where(y => y.Id == yearId).Select(y => new { y.Label, y.EndsOn }).FirstOrDefaultAsync();
        YearLabel = year?.Label ?? "";
        YearEnded = year is not null && (year.EndsOn < Platform.Time.ParisDate.Today(time) || await scope.IsYearArchivedAsync(yearId!.Value));
    }
}
