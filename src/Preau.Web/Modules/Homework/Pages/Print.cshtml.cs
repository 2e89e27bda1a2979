using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Homework.Pages;

/// <summary>The week of a class on paper, for the class's staff (to pin up, or for a family without internet).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class PrintModel(HomeworkBook book, WeekData week, TimeProvider time) : PageModel
{
    public ClassView View { get; private set; } = null!;
    public DateOnly Monday { get; private set; }
    public IReadOnlyList<WeekEntry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, DateOnly? semaine, CancellationToken ct)
    {
        if (await book.ForClassAsync(id, ct) is not { IsStaff: true } view)
        {
            return NotFound();
        }
        View = view;
        Monday = HomeworkTime.Monday(semaine ?? Platform.Time.ParisDate.Today(time));
        Entries = await week.LoadAsync(view, Monday, ct);
        return Page();
    }
}
