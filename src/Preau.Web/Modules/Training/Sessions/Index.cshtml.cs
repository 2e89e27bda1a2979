using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Territory;
using Preau.Web.Modules.Training.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Training.Sessions;

public sealed record SessionLine(TrainingSession Session, string District, bool Registered);

/// <summary>
/// Training sessions per circonscription: a teacher sees those of their schools' circonscriptions, an advisor those
/// they manage (administrators all), upcoming first, or past ones; 20 per page. Nobody else has any: 404.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(TrainingBook book, PreauDbContext db, TimeProvider time) : PageModel
{
    public const int PageSize = 20;

    public TrainingViewer Viewer { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name)> Districts { get; private set; } = [];
    public IReadOnlyList<SessionLine> Lines { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public Guid? DistrictId { get; private set; }
    public bool Past { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? circonscription, bool passees = false, int p = 1, CancellationToken ct = default)
    {
        Viewer = await book.ViewerAsync(ct);
        var visible = Viewer.AdvisedDistricts.Concat(Viewer.TeacherDistricts).ToHashSet();
        if (!Viewer.IsAdmin && visible.Count == 0)
        {
            return NotFound();
        }
        Districts = (await db.Districts.AsNoTracking().Where(d => !d.IsArchived && (Viewer.IsAdmin || visible.Contains(d.Id)))
            .OrderBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(ct)).Select(d => (d.Id, d.Name)).ToList();
        if (circonscription is { } chosen && !Districts.Any(d => d.Id == chosen))
        {
            return NotFound();
        }
        DistrictId = circonscription;
        Past = passees;
        var ids = circonscription is { } one ? [one] : Districts.Select(d => d.Id).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        var query = db.TrainingSessions.AsNoTracking().Where(s => ids.Contains(s.DistrictId) && (passees ? s.EndsAt <= now : s.EndsAt > now));
        var total = await query.CountAsync(ct);
        var page = Pager.Clamp(p, total, PageSize);
        var sessions = await (passees ? query.OrderByDescending(s => s.StartsAt) : query.OrderBy(s => s.StartsAt))
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var mine = (await db.TrainingRegistrations.AsNoTracking().Where(r => r.PersonId == Viewer.PersonId && sessionIds.Contains(r.SessionId))
            .Select(r => r.SessionId).ToListAsync(ct)).ToHashSet();
        var names = Districts.ToDictionary(d => d.Id, d => d.Name);
        Lines = [.. sessions.Select(s => new SessionLine(s, names.GetValueOrDefault(s.DistrictId) ?? "", mine.Contains(s.Id)))];
        Pager = new Pager(page, Math.Max(1, (total + PageSize - 1) / PageSize),
            n => Pager.Link("/formations", n, ("circonscription", circonscription?.ToString()), ("passees", passees ? "true" : null)));
        return Page();
    }
}
