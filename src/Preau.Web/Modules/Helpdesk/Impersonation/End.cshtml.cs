using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Accounts;
using Preau.Web.Modules.Helpdesk.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Helpdesk.Impersonation;

/// <summary>
/// « Terminer » on the banner: the agent ends remote assistance. Reached while acting (the middleware lets this one
/// path of the help desk through), whatever step the assisted account still has to do.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[AllowPendingSteps]
[AllowWhenLeft]
public sealed class EndModel(PreauDbContext db, TimeProvider time) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.Cookies.Delete(ImpersonationMiddleware.CookieName);
        if (HttpContext.Items[ImpersonationMiddleware.ItemKey] is not ActingAs acting)
        {
            return Redirect("/");
        }
        var now = time.GetUtcNow().UtcDateTime;
        await db.HelpdeskImpersonations.Where(s => s.Id == acting.SessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(x => x.SetProperty(s => s.EndedAt, now), ct);
        db.HelpdeskTicketEvents.Add(new TicketEvent
        {
            TicketId = acting.TicketId, ActorId = acting.AgentId, Kind = TicketEventKind.ImpersonationEnded, At = now, Body = "Prise en main à distance terminée",
        });
        db.AuditEvents.Add(AuditTrail.Create(time, HttpContext, HttpContext.Items[AccountsModule.CurrentUserItem] is Accounts.Data.PreauUser u ? u.Id : null,
            "impersonation.ended", "ticket", acting.TicketId));
        await db.SaveChangesAsync(ct);
        return Redirect($"/assistance/{acting.TicketId}");
    }
}
