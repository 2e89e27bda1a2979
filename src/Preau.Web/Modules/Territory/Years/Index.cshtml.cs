using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Preau.Web.Modules.Shared;
using Preau.Web.Modules.Territory.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Territory.Years;

[Authorize(Policy = Policies.TerritoryAdmin)]
public sealed partial class IndexModel(PreauDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    private const int PageSize = 25;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [TempData]
    public string? Saved { get; set; }

    public Paged<Row> Result { get; private set; } = new([], 1, PageSize, 0);

    public Pager Pager => new(Result.Page, Result.PageCount, p => Pager.Link("/admin/annees", p));

    public sealed record Row(Guid Id, string Label, DateOnly StartsOn, DateOnly EndsOn, bool IsCurrent, int Classes);

    public sealed class InputModel
    {
        public string? Label { get; set; }
        public DateOnly? StartsOn { get; set; }
        public DateOnly? EndsOn { get; set; }
    }

    public async Task OnGetAsync()
    {
        // Proposes the year after the latest one, from 1 September to early July.
        var latest = await db.SchoolYears.AsNoTracking().OrderByDescending(y => y.StartsOn).Select(y => (DateOnly?)y.StartsOn).FirstOrDefaultAsync();
        var today = Platform.Time.ParisDate.Today(time);
        var first = latest?.Year + 1 ?? (today.Month >= 8 ? today.Year : today.Year - 1);
        Input = new InputModel
        {
            Label = string.Create(CultureInfo.InvariantCulture, $"{first}-{first + 1}"),
            StartsOn = new DateOnly(first, 9, 1),
            EndsOn = new DateOnly(first + 1, 7, 4),
        };
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var label = Input.Label?.Trim() ?? "";
        var match = LabelShape().Match(label);
        if (!match.Success)
        {
            ModelState.AddModelError("Input.Label", l["L'année scolaire s'écrit comme 2026-2027."]);
        }
        else
        {
            var first = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var second = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            if (second != first + 1)
            {
                ModelState.AddModelError("Input.Label", l["Une année scolaire va d'une année à la suivante : {0}-{1}, pas {2}.", first, first + 1, label]);
            }
            else
            {
                if (Input.StartsOn is not { } start || start.Year != first)
                {
                    ModelState.AddModelError("Input.StartsOn", l["La rentrée doit tomber en {0}.", first]);
                }
                if (Input.EndsOn is not { } end || end.Year != second)
                {
                    ModelState.AddModelError("Input.EndsOn", l["La fin de l'année doit tomber en {0}.", second]);
                }
                else if (Input.StartsOn is { } s && end <= s)
                {
                    ModelState.AddModelError("Input.EndsOn", l["La fin de l'année doit suivre la rentrée."]);
                }
                if (await db.SchoolYears.AnyAsync(y => y.Label == label))
                {
                    ModelState.AddModelError("Input.Label", l["L'année {0} existe déjà.", label]);
                }
            }
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        db.SchoolYears.Add(new SchoolYear { Label = label, StartsOn = Input.StartsOn!.Value, EndsOn = Input.EndsOn!.Value });
        await db.SaveChangesAsync();
        Saved = l["Année {0} créée.", label];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCurrentAsync(Guid id)
    {
        var year = await db.SchoolYears.FirstOrDefaultAsync(y => y.Id == id);
        if (year is null)
        {
            return NotFound();
        }
        // Only one year is current: both changes are saved together.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SchoolYears.Where(y => y.IsCurrent && y.Id != id).ExecuteUpdateAsync(s => s.SetProperty(y => y.IsCurrent, false));
        year.IsCurrent = true;
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        Saved = l["{0} est maintenant l'année en cours.", year.Label];
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var query = db.SchoolYears.AsNoTracking();
        var total = await query.CountAsync();
        PageNumber = Pager.Clamp(PageNumber, total, PageSize);
        var rows = await query.OrderByDescending(y => y.StartsOn)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(y => new Row(y.Id, y.Label, y.StartsOn, y.EndsOn, y.IsCurrent, db.Classes.Count(c => c.SchoolYearId == y.Id)))
            .ToListAsync();
        Result = new Paged<Row>(rows, PageNumber, PageSize, total);
    }

    [GeneratedRegex("^([0-9]{4})-([0-9]{4})$")]
    private static partial Regex LabelShape();
}
