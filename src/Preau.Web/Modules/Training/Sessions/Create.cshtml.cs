using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Training.Sessions;

/// <summary>An advisor publishes a session for one of their circonscriptions (administrators for any).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class CreateModel(TrainingBook book, TrainingActions actions, PreauDbContext db) : PageModel
{
    public IReadOnlyList<(Guid Id, string Name)> Districts { get; private set; } = [];

    [BindProperty]
    public SessionInput Input { get; set; } = new();

    public sealed class SessionInput
    {
        public Guid DistrictId { get; set; }
        public string? Topic { get; set; }
        public string? Description { get; set; }
        public DateTime? StartsAt { get; set; }
        public DateTime? EndsAt { get; set; }
        public string? Place { get; set; }
        public string? VideoUrl { get; set; }
        public int Seats { get; set; } = 20;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var (error, id) = await actions.CreateAsync(await book.ViewerAsync(ct), new NewSession(Input.DistrictId, Input.Topic, Input.Description,
            Input.StartsAt, Input.EndsAt, Input.Place, Input.VideoUrl, Input.Seats), ct);
        if (error is not null)
        {
            ModelState.AddModelError("", error);
            return Page();
        }
        return Redirect($"/formations/{id}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var viewer = await book.ViewerAsync(ct);
        if (!viewer.IsAdvisor)
        {
            return false;
        }
        Districts = (await db.Districts.AsNoTracking().Where(d => !d.IsArchived && (viewer.IsAdmin || viewer.AdvisedDistricts.Contains(d.Id)))
            .OrderBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(ct)).Select(d => (d.Id, d.Name)).ToList();
        return true;
    }
}
