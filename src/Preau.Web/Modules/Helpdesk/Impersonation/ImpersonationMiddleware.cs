using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Accounts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Helpdesk.Impersonation;

/// <summary>What the layout's banner needs while an agent acts for someone.</summary>
public sealed record ActingAs(Guid SessionId, Guid TicketId, Guid AgentId, string UserName, DateTime ExpiresAt);

/// <summary>
/// Remote assistance (ADR 0013). The agent's own session cookie is never changed: a second, data-protected cookie
/// names the impersonation session. On each request of the agent it is checked against the database (the session
/// belongs to this signed-in agent, is not ended, its consent is neither withdrawn nor expired, the assisted account is
/// not an administrator's or level-2 account); then the request runs as the assisted person, with a claim naming the
/// real agent (which <see cref="AuditTrail"/> writes beside every event) and is itself written to the audit trail. Account
/// pages (password, 2FA, charter, personal data), sign-in and sign-out, the help desk and the administration stay out
/// of reach while acting. When the check fails the cookie is dropped and the request does NOT run: the agent is sent
/// to the ticket, so that nothing meant for the assisted person is ever done under the agent's own name, or the reverse.
/// </summary>
public sealed class ImpersonationMiddleware(RequestDelegate next)
{
    public const string CookieName = "preau.acting";
    public const string TicketClaim = "preau:impersonation-ticket";
    public const string ItemKey = "preau:acting-as";
    public const string EndPath = "/assistance/prise-en-main/terminer";
    private const string Purpose = "Preau.Helpdesk.Impersonation";

    private static readonly string[] ClosedPaths = ["/compte", "/connexion", "/deconnexion", "/admin", "/assistance", "/aide/gerer", "/aide/modifier", "/api/v1/accounts"];

    public static string Protect(IDataProtectionProvider dp, Guid sessionId) => dp.CreateProtector(Purpose).Protect(sessionId.ToString("N"));

    public async Task InvokeAsync(HttpContext http, IDataProtectionProvider dp, PreauDbContext db, TimeProvider time)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var protectedValue) || http.User.Identity?.IsAuthenticated != true)
        {
            await next(http);
            return;
        }
        Guid sessionId;
        try
        {
            sessionId = Guid.Parse(dp.CreateProtector(Purpose).Unprotect(protectedValue));
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException)
        {
            http.Response.Cookies.Delete(CookieName);
            await next(http);
            return;
        }
        var agentId = Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var a) ? a : Guid.Empty;
        var now = time.GetUtcNow().UtcDateTime;
        // One query: the session, its consent and the assisted account, with whether that account is protected.
        var row = await (
            from s in db.HelpdeskImpersonations.AsNoTracking()
            where s.Id == sessionId && s.AgentId == agentId
            join c in db.HelpdeskConsents.AsNoTracking() on s.ConsentId equals c.Id
            join u in db.Users.AsNoTracking() on s.UserId equals u.Id
            select new
            {
                Session = s, c.WithdrawnAt, ConsentExpiresAt = c.ExpiresAt, User = u,
                Protected = db.Memberships.Any(m => m.PersonId == u.Id && (m.Role == Role.TerritoryAdmin || m.Role == Role.Level2Support)),
                LeftOn = db.Persons.Where(p => p.Id == u.Id).Select(p => p.LeftOn).FirstOrDefault(),
            }).FirstOrDefaultAsync(http.RequestAborted);
        if (row is null || row.Session.EndedAt != null || row.WithdrawnAt != null || row.ConsentExpiresAt <= now || row.Session.ExpiresAt <= now
            || row.Protected || row.User.IsDisabled)
        {
            http.Response.Cookies.Delete(CookieName);
            if (row is not null && row.Session.EndedAt is null)
            {
                await db.HelpdeskImpersonations.Where(s => s.Id == sessionId && s.EndedAt == null)
                    .ExecuteUpdateAsync(x => x.SetProperty(s => s.EndedAt, now), http.RequestAborted);
                db.AuditEvents.Add(new AuditEvent
                {
                    At = now, ActorId = row.Session.UserId, ImpersonatorId = agentId, Action = "impersonation.expired", TargetType = "ticket",
                    TargetId = row.Session.TicketId, Ip = http.Connection.RemoteIpAddress?.ToString(),
                });
                await db.SaveChangesAsync(http.RequestAborted);
            }
            http.Response.Redirect(row is null ? "/" : $"/assistance/{row.Session.TicketId}?fin=1");
            return;
        }

        var path = http.Request.Path;
        // The request runs as the assisted person; the agent stays named in the claims (audit) and in the banner.
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, row.User.Id.ToString()),
            new Claim(ClaimTypes.Name, row.User.UserName ?? ""),
            new Claim(AuditTrail.ImpersonatorClaim, agentId.ToString()),
            new Claim(TicketClaim, row.Session.TicketId.ToString()),
        ], IdentityConstants.ApplicationScheme);
        var agentPrincipal = http.User;
        // The error page re-executes the pipeline for a request that already has its row (its real path and status):
        // it runs as the assisted person again, for the banner, but writes nothing more.
        var reExecution = http.Features.Get<IStatusCodeReExecuteFeature>() is not null || http.Features.Get<IExceptionHandlerFeature>() is not null;
        var failed = false;
        http.User = new ClaimsPrincipal(identity);
        http.Items[AccountsModule.CurrentUserItem] = row.User;
        http.Items[AccountsModule.LeftOnItem] = row.LeftOn;
        var name = await db.Persons.Where(p => p.Id == row.User.Id).Select(p => p.FirstName + " " + p.LastName).FirstOrDefaultAsync(http.RequestAborted) ?? row.User.UserName ?? "";
        http.Items[ItemKey] = new ActingAs(sessionId, row.Session.TicketId, agentId, name, row.Session.ExpiresAt);
        try
        {
            if (ClosedPaths.Any(p => path.StartsWithSegments(p)) && !path.Equals(EndPath, StringComparison.OrdinalIgnoreCase))
            {
                // No body here: the error page (with the banner to end the session) says why.
                Platform.Errors.ErrorPageText.Set(http, "Pendant une prise en main à distance, cette page n'est pas accessible. Terminez d'abord la prise en main.");
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
            }
            else
            {
                await next(http);
            }
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            // Every request made while acting is in the trail under both names, whatever the page does itself. A page
            // that threw has not set its status yet: the person saw the error page (500).
            if (!reExecution)
            {
                db.ChangeTracker.Clear();
                db.AuditEvents.Add(AuditTrail.Create(time, http, row.User.Id, "impersonation.request", "ticket", row.Session.TicketId,
                    $"{http.Request.Method} {path}{http.Request.QueryString} → {(failed ? StatusCodes.Status500InternalServerError : http.Response.StatusCode)}"));
                await db.SaveChangesAsync(CancellationToken.None);
            }
            http.User = agentPrincipal;
        }
    }
}
