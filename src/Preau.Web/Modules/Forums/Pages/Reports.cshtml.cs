using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Forums.Pages;

/// <summary>The forum's moderation queue: open reports, oldest first; hide the post (which answers its reports) or dismiss.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ReportsModel(ForumAccess access, ForumService forums) : PageModel
{
    public ForumSpace Space { get; private set; } = null!;
    public Paged<ReportRow> Reports { get; private set; } = new([], 1, 20, 0);

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string kind, Guid id, int p = 1, CancellationToken ct = default)
    {
        if (await ModeratorAsync(kind, id, ct) is null)
        {
            return NotFound();
        }
        Reports = await forums.OpenReportsAsync(Space.ScopeType, id, p, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostHideAsync(string kind, Guid id, Guid reportId, CancellationToken ct)
    {
        if (await ModeratorAsync(kind, id, ct) is not { } rights)
        {
            return NotFound();
        }
        if (await forums.OpenReportTargetAsync(Space.ScopeType, id, reportId, ct) is not { } report
            || !await forums.SetHiddenAsync(report.TopicId, report.PostId, true, rights.PersonId, ct))
        {
            return NotFound();
        }
        Notice = "Le message est masqué et ses signalements sont traités.";
        return Redirect($"{Space.Url}/signalements");
    }

    public async Task<IActionResult> OnPostDismissAsync(string kind, Guid id, Guid reportId, CancellationToken ct)
    {
        if (await ModeratorAsync(kind, id, ct) is not { } rights || !await forums.DismissAsync(Space.ScopeType, id, reportId, rights.PersonId, ct))
        {
            return NotFound();
        }
        Notice = "Le signalement est classé sans suite.";
        return Redirect($"{Space.Url}/signalements");
    }

    private async Task<ForumRights?> ModeratorAsync(string kind, Guid id, CancellationToken ct)
    {
        if (ForumAccess.ScopeOf(kind) is not { } scope || await access.ForScopeAsync(scope, id, ct) is not { Moderate: true } rights
            || await access.SpaceAsync(scope, id, ct) is not { } space)
        {
            return null;
        }
        Space = space;
        return rights;
    }
}
