using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Helpdesk.Data;
using Preau.Web.Modules.Helpdesk.Impersonation;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Helpdesk.Tickets;

/// <summary>
/// One ticket: its details and times, screenshots, full history; the author answers, consents to remote assistance,
/// closes and rates; the agents of its current level answer, add internal notes, take it, escalate or return it,
/// change its status and act as the author within a consent. Anybody else gets 404.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DetailsModel(HelpdeskAccess access, HelpdeskService helpdesk, PreauDbContext db, IFileService files, TimeProvider time) : PageModel
{
    public Ticket Ticket { get; private set; } = null!;
    public HelpdeskAgent Me { get; private set; } = null!;
    public string AuthorName { get; private set; } = "";
    public string? AssigneeName { get; private set; }
    public string? SchoolName { get; private set; }
    public IReadOnlyList<FileInfoRow> Screenshots { get; private set; } = [];
    public IReadOnlyList<EventRow> History { get; private set; } = [];
    public ImpersonationConsent? Consent { get; private set; }
    public bool AuthorIsProtected { get; private set; }
    public bool Ended { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public sealed record EventRow(DateTime At, string Actor, TicketEventKind Kind, string? Body);

    public bool IsAuthor => Ticket.AuthorId == Me.PersonId;
    public bool Handles => Me.Handles(Ticket);
    public bool IsClosed => Ticket.Status == TicketStatus.Closed;

    /// <summary>The history shows the latest exchanges; the older ones come a page at a time.</summary>
    public const int HistoryPageSize = 50;

    /// <summary>1 = the latest <see cref="HistoryPageSize"/> events; 2 = the ones before; …</summary>
    public int HistoryPage { get; private set; } = 1;
    public bool HasOlderHistory { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int fin = 0, int historique = 1, CancellationToken ct = default)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        HistoryPage = Math.Clamp(historique, 1, 10_000);
        Ended = fin == 1;
        await LoadDetailsAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostReplyAsync(Guid id, string? body, bool internalNote, CancellationToken ct) =>
        ActAsync(id, ct, me => !IsClosed && (IsAuthor || Handles), async () =>
        {
            var text = (body ?? "").Trim();
            if (text.Length == 0 || text.Length > HelpdeskService.MaxTextLength)
            {
                return "Écrivez votre réponse (8 000 caractères au plus).";
            }
            await helpdesk.ReplyAsync(Ticket, Me, text, internalNote && Handles, ct);
            Notice = internalNote && Handles ? "Note interne ajoutée." : "Votre réponse est envoyée.";
            return null;
        });

    public Task<IActionResult> OnPostAssignAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, ct, _ => Handles && !IsClosed, async () =>
        {
            await helpdesk.AssignToMeAsync(Ticket, Me, ct);
            Notice = "Vous avez pris la demande en charge.";
            return null;
        });

    public Task<IActionResult> OnPostEscalateAsync(Guid id, string? note, CancellationToken ct) =>
        ActAsync(id, ct, _ => Handles && !IsClosed && Ticket.Level == TicketLevel.Level1, async () =>
        {
            await helpdesk.EscalateAsync(Ticket, Me, note, ct);
            Notice = "La demande est transmise au niveau 2.";
            return null;
        });

    public Task<IActionResult> OnPostReturnAsync(Guid id, string? note, CancellationToken ct) =>
        ActAsync(id, ct, _ => Handles && !IsClosed && Ticket.Level == TicketLevel.Level2, async () =>
        {
            await helpdesk.ReturnAsync(Ticket, Me, note, ct);
            Notice = "La demande est renvoyée au niveau 1.";
            return null;
        });

    public Task<IActionResult> OnPostStatusAsync(Guid id, TicketStatus status, CancellationToken ct) =>
        ActAsync(id, ct, _ => Enum.IsDefined(status) && status != TicketStatus.New && status != Ticket.Status
            // The author may close their ticket or reopen it; the agents handling it set any status.
            && (Handles || (IsAuthor && (status == TicketStatus.Closed || (IsClosed && status == TicketStatus.InProgress)))), async () =>
        {
            await helpdesk.SetStatusAsync(Ticket, Me.PersonId, status, ct);
            Notice = status == TicketStatus.Closed ? "La demande est close." : "Le statut de la demande est changé.";
            return null;
        });

    public Task<IActionResult> OnPostRateAsync(Guid id, int score, string? comment, CancellationToken ct) =>
        ActAsync(id, ct, _ => IsAuthor && IsClosed, async () =>
        {
            if (score is < 1 or > 5)
            {
                return "Choisissez une note de 1 à 5.";
            }
            await helpdesk.RateAsync(Ticket, score, comment is { Length: > 2000 } ? comment[..2000] : comment, ct);
            Notice = "Merci pour votre avis.";
            return null;
        });

    public Task<IActionResult> OnPostConsentAsync(Guid id, int minutes, CancellationToken ct) =>
        ActAsync(id, ct, _ => IsAuthor && !IsClosed, async () =>
        {
            if (!HelpdeskService.ConsentMinutes.Contains(minutes))
            {
                return "Choisissez une durée.";
            }
            if (await helpdesk.IsProtectedAccountAsync(Ticket.AuthorId, ct))
            {
                return "La prise en main à distance n'est pas possible sur un compte d'administration.";
            }
            await helpdesk.GiveConsentAsync(Ticket, minutes, ct);
            Notice = $"Vous autorisez l'assistance à agir pour vous pendant {minutes} minutes, pour cette demande seulement.";
            return null;
        });

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, ct, _ => IsAuthor, async () =>
        {
            await helpdesk.WithdrawConsentAsync(Ticket, ct);
            Notice = "L'autorisation de prise en main est retirée.";
            return null;
        });

    public async Task<IActionResult> OnPostImpersonateAsync(Guid id, [FromServices] IDataProtectionProvider dp, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var (session, error) = await helpdesk.StartImpersonationAsync(Ticket, Me, ct);
        if (session is null)
        {
            Notice = error;
            return Redirect(HelpdeskService.Url(Ticket));
        }
        Response.Cookies.Append(ImpersonationMiddleware.CookieName, ImpersonationMiddleware.Protect(dp, session.Id), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps, IsEssential = true,
            Expires = new DateTimeOffset(DateTime.SpecifyKind(session.ExpiresAt, DateTimeKind.Utc)),
        });
        return Redirect("/");
    }

    /// <summary>Loads the ticket, checks the rule, runs the action; a refused rule is 403 (the person may read the ticket).</summary>
    private async Task<IActionResult> ActAsync(Guid id, CancellationToken ct, Func<HelpdeskAgent, bool> allowed, Func<Task<string?>> action)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (!allowed(Me))
        {
            return Forbid();
        }
        var error = await action();
        if (error is not null)
        {
            ModelState.AddModelError(string.Empty, error);
            await LoadDetailsAsync(ct);
            return Page();
        }
        return Redirect(HelpdeskService.Url(Ticket));
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await access.OpenAsync(id, ct) is not { } opened)
        {
            return false;
        }
        (Ticket, Me) = opened;
        return true;
    }

    private async Task LoadDetailsAsync(CancellationToken ct)
    {
        var t = Ticket;
        var names = await db.Persons.AsNoTracking().Where(p => p.Id == t.AuthorId || p.Id == t.AssigneeId)
            .Select(p => new { p.Id, Name = p.FirstName + " " + p.LastName }).ToListAsync(ct);
        AuthorName = names.FirstOrDefault(n => n.Id == t.AuthorId)?.Name ?? "";
        AssigneeName = names.FirstOrDefault(n => n.Id == t.AssigneeId)?.Name;
        SchoolName = t.SchoolId is { } s ? await db.Schools.Where(x => x.Id == s).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        Screenshots = (await files.ListAsync(HelpdeskService.ScreenshotPurpose, [t.Id], ct))[t.Id].ToList();
        var agentView = Me.Sees(t);
        // Newest first from the database (one page and one more, to know whether older ones remain), shown oldest first.
        var page = await (
            from e in db.HelpdeskTicketEvents.AsNoTracking()
            where e.TicketId == t.Id && (agentView || e.Kind != TicketEventKind.InternalNote)
            join p in db.Persons.AsNoTracking() on e.ActorId equals p.Id into pe
            from p in pe.DefaultIfEmpty()
            orderby e.At descending, e.Id descending
            select new EventRow(e.At, p == null ? "—" : p.FirstName + " " + p.LastName, e.Kind, e.Body))
            .Skip((HistoryPage - 1) * HistoryPageSize).Take(HistoryPageSize + 1).ToListAsync(ct);
        HasOlderHistory = page.Count > HistoryPageSize;
        History = [.. page.Take(HistoryPageSize).Reverse()];
        Consent = await helpdesk.CurrentConsentAsync(t.Id, ct);
        AuthorIsProtected = Handles && await helpdesk.IsProtectedAccountAsync(t.AuthorId, ct);
    }

    public string Remaining(DateTime until) => TicketText.Duration(until - time.GetUtcNow().UtcDateTime);
}
