using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Homework.Pages;

/// <summary>
/// The cahier de textes of a class, one week at a time (Monday to Sunday). Families and pupils see first what is due
/// « pour demain » and « cette semaine » for them; teachers see who has handed in the work à rendre.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class WeekModel(HomeworkBook book, WeekData week, AccessContext access, TimeProvider time) : PageModel
{
    public ClassView View { get; private set; } = null!;
    public DateOnly Monday { get; private set; }
    public DateOnly Today { get; private set; }
    public IReadOnlyList<WeekEntry> Entries { get; private set; } = [];
    public IReadOnlyList<DueWork> Tomorrow { get; private set; } = [];
    public bool NextIsMonday { get; private set; }
    public IReadOnlyList<DueWork> ThisWeek { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> ChildNames { get; private set; } = new Dictionary<Guid, string>();

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, DateOnly? semaine, CancellationToken ct)
    {
        if (await book.ForClassAsync(id, ct) is not { } view)
        {
            return NotFound();
        }
        View = view;
        Today = Platform.Time.ParisDate.Today(time);
        Monday = HomeworkTime.Monday(semaine ?? Today);
        Entries = await week.LoadAsync(view, Monday, ct);
        if (view.OwnPupils.Count > 0)
        {
            var due = await book.DueAsync([.. view.OwnPupils.Select(p => (p, id))], Today.AddDays(1), Today.AddDays(7), ct);
            var next = HomeworkTime.NextSchoolDay(Today);
            NextIsMonday = next != Today.AddDays(1);
            Tomorrow = [.. due.Where(d => d.DueOn <= next)];
            ThisWeek = [.. due.Where(d => d.DueOn > next)];
            if (!view.IsPupil)
            {
                // The children's names come with the cached access.
                var a = await access.GetAsync(ct);
                ChildNames = a.Children.Where(c => view.OwnPupils.Contains(c.Id)).ToDictionary(c => c.Id, c => c.FirstName);
            }
        }
        return Page();
    }
}
