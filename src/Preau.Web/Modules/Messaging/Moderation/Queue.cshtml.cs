using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Messaging.Moderation;

/// <summary>
/// The reports a person moderates (teachers of the pupils concerned, directors, administrators): read the message,
/// hide it for everyone, or close the report without action. Others get 404.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class QueueModel(AccessContext context, ModerationService moderation) : PageModel
{
    public Paged<ReportRow> Reports { get; private set; } = new([], 1, ModerationService.PageSize, 0);

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(int p = 1, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        if (!ModerationService.MayModerate(a))
        {
            return NotFound();
        }
        Reports = await moderation.QueueAsync(a, p, ct);
        return Page();
    }

    public Task<IActionResult> OnPostHideAsync(Guid reportId, CancellationToken ct) => DecideAsync(reportId, true, ct);

    public Task<IActionResult> OnPostCloseAsync(Guid reportId, CancellationToken ct) => DecideAsync(reportId, false, ct);

    private async Task<IActionResult> DecideAsync(Guid reportId, bool hide, CancellationToken ct)
    {
        var a = await context.GetAsync(ct);
        if (!await moderation.DecideAsync(a, reportId, hide, ct))
        {
            return NotFound();
        }
        Notice = hide ? "Le message est masqué pour tous ses destinataires." : "Le signalement est classé sans suite.";
        return Redirect("/messagerie/moderation");
    }
}
