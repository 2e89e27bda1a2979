using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Helpdesk.Data;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Helpdesk;

/// <summary>
/// The help desk's use cases. Each writes the ticket's history, notifies the other side (kind Helpdesk) and, for the
/// significant ones, the audit trail, in one unit of work.
/// </summary>
public sealed class HelpdeskService(PreauDbContext db, HelpdeskAccess access, INotifier notifier, AuditTrail audit, IFileService files, TimeProvider time)
{
    public const string ScreenshotPurpose = "helpdesk.ticket";
    public const int MaxScreenshots = 5;
    public const int MaxTextLength = 8000;
    /// <summary>The durations an author may consent to remote assistance for.</summary>
    public static readonly IReadOnlyList<int> ConsentMinutes = [15, 30, 60];

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<(Ticket? Ticket, string? Error)> CreateAsync(Guid authorId, TicketCategory category, string subject, string description, string? pageUrl,
        IReadOnlyList<IFormFile> screenshots, CancellationToken ct = default)
    {
        var (districtId, schoolId) = await access.RouteAsync(ct);
        var now = Now;
        var ticket = new Ticket
        {
            AuthorId = authorId, DistrictId = districtId, SchoolId = schoolId, Category = category, Subject = subject.Trim(),
            Description = description.Trim(), PageUrl = SafeLocalPath(pageUrl), Status = TicketStatus.New, CreatedAt = now, UpdatedAt = now,
        };
        var real = screenshots.Where(f => f.Length > 0).ToList();
        if (real.Count > MaxScreenshots)
        {
            return (null, $"Joignez au plus {MaxScreenshots} captures d'écran.");
        }
        var saved = new List<Guid>();
        foreach (var upload in real)
        {
            await using var stream = upload.OpenReadStream();
            var result = await files.SaveAsync(stream, upload.FileName, ScreenshotPurpose, ticket.Id, QuotaScope.Person(authorId), authorId, ct);
            if (result.File is null)
            {
                foreach (var id in saved)
                {
                    await files.DeleteAsync(id, ct);
                }
                return (null, result.Error);
            }
            saved.Add(result.File.Id);
        }
        db.HelpdeskTickets.Add(ticket);
        AddEvent(ticket, authorId, TicketEventKind.Created, null);
        audit.Add(authorId, "helpdesk.ticket.created", "ticket", ticket.Id, $"niveau 1, catégorie {category}");
        notifier.Enqueue(await access.AgentsToNotifyAsync(ticket, false, ct), NotificationKind.Helpdesk,
            "Nouvelle demande d'assistance : " + Short(ticket.Subject), Url(ticket));
        await db.SaveChangesAsync(ct);
        return (ticket, null);
    }

    /// <summary>An answer of the author or of an agent; an agent's internal note stays between agents.</summary>
    public async Task ReplyAsync(Ticket ticket, HelpdeskAgent me, string body, bool internalNote, CancellationToken ct = default)
    {
        var byAuthor = ticket.AuthorId == me.PersonId && !me.Handles(ticket);
        AddEvent(ticket, me.PersonId, internalNote ? TicketEventKind.InternalNote : TicketEventKind.Reply, body.Trim());
        if (internalNote)
        {
            await db.SaveChangesAsync(ct);
            return;
        }
        if (byAuthor)
        {
            if (ticket.Status == TicketStatus.WaitingForAuthor)
            {
                ticket.Status = TicketStatus.InProgress;
            }
            notifier.Enqueue(await access.AgentsToNotifyAsync(ticket, true, ct), NotificationKind.Helpdesk, "Réponse du demandeur : " + Short(ticket.Subject), Url(ticket));
        }
        else
        {
            ticket.FirstResponseAt ??= Now;
            ticket.AssigneeId ??= me.PersonId;
            if (ticket.Status == TicketStatus.New)
            {
                ticket.Status = TicketStatus.InProgress;
            }
            notifier.Enqueue([ticket.AuthorId], NotificationKind.Helpdesk, "Réponse de l'assistance : " + Short(ticket.Subject), Url(ticket));
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task AssignToMeAsync(Ticket ticket, HelpdeskAgent me, CancellationToken ct = default)
    {
        ticket.AssigneeId = me.PersonId;
        if (ticket.Status == TicketStatus.New)
        {
            ticket.Status = TicketStatus.InProgress;
        }
        AddEvent(ticket, me.PersonId, TicketEventKind.Assigned, "Prise en charge");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Level 1 hands the ticket to the maintainers; it leaves the level-1 assignee and waits for a level-2 one.</summary>
    public async Task EscalateAsync(Ticket ticket, HelpdeskAgent me, string? note, CancellationToken ct = default)
    {
        ticket.Level = TicketLevel.Level2;
        ticket.EscalatedAt = Now;
        ticket.AssigneeId = null;
        AddEvent(ticket, me.PersonId, TicketEventKind.Escalated, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        audit.Add(me.PersonId, "helpdesk.ticket.escalated", "ticket", ticket.Id);
        notifier.Enqueue(await access.AgentsToNotifyAsync(ticket, false, ct), NotificationKind.Helpdesk, "Demande transmise au niveau 2 : " + Short(ticket.Subject), Url(ticket));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Level 2 sends the ticket back to level 1 (with what it found): back to the circonscription's agents.</summary>
    public async Task ReturnAsync(Ticket ticket, HelpdeskAgent me, string? note, CancellationToken ct = default)
    {
        ticket.Level = TicketLevel.Level1;
        ticket.AssigneeId = null;
        AddEvent(ticket, me.PersonId, TicketEventKind.ReturnedToLevel1, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        audit.Add(me.PersonId, "helpdesk.ticket.returned", "ticket", ticket.Id);
        notifier.Enqueue(await access.AgentsToNotifyAsync(ticket, false, ct), NotificationKind.Helpdesk, "Demande renvoyée au niveau 1 : " + Short(ticket.Subject), Url(ticket));
        await db.SaveChangesAsync(ct);
    }

    public async Task SetStatusAsync(Ticket ticket, Guid actorId, TicketStatus status, CancellationToken ct = default)
    {
        var was = ticket.Status;
        ticket.Status = status;
        ticket.ClosedAt = status == TicketStatus.Closed ? Now : null;
        AddEvent(ticket, actorId, TicketEventKind.StatusChanged, $"{TicketText.Status(was)} → {TicketText.Status(status)}");
        if (status == TicketStatus.Closed)
        {
            audit.Add(actorId, "helpdesk.ticket.closed", "ticket", ticket.Id);
        }
        if (actorId != ticket.AuthorId)
        {
            notifier.Enqueue([ticket.AuthorId], NotificationKind.Helpdesk,
                (status == TicketStatus.Closed ? "Demande close : " : "Demande mise à jour : ") + Short(ticket.Subject), Url(ticket));
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task RateAsync(Ticket ticket, int score, string? comment, CancellationToken ct = default)
    {
        ticket.Satisfaction = Math.Clamp(score, 1, 5);
        ticket.SatisfactionComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        AddEvent(ticket, ticket.AuthorId, TicketEventKind.Rated, $"{ticket.Satisfaction} / 5");
        await db.SaveChangesAsync(ct);
    }

    public async Task<ImpersonationConsent> GiveConsentAsync(Ticket ticket, int minutes, CancellationToken ct = default)
    {
        var now = Now;
        var consent = new ImpersonationConsent { TicketId = ticket.Id, UserId = ticket.AuthorId, GrantedAt = now, ExpiresAt = now.AddMinutes(minutes) };
        db.HelpdeskConsents.Add(consent);
        AddEvent(ticket, ticket.AuthorId, TicketEventKind.ConsentGiven, $"Prise en main à distance autorisée pendant {minutes} min");
        audit.Add(ticket.AuthorId, "helpdesk.consent.given", "ticket", ticket.Id, $"{minutes} min");
        notifier.Enqueue(await access.AgentsToNotifyAsync(ticket, true, ct), NotificationKind.Helpdesk, "Prise en main à distance autorisée : " + Short(ticket.Subject), Url(ticket));
        await db.SaveChangesAsync(ct);
        return consent;
    }

    /// <summary>Withdraws every running consent of the ticket: a session in progress stops at the agent's next request.</summary>
    public async Task WithdrawConsentAsync(Ticket ticket, CancellationToken ct = default)
    {
        var now = Now;
        var running = await db.HelpdeskConsents.Where(c => c.TicketId == ticket.Id && c.WithdrawnAt == null && c.ExpiresAt > now).ToListAsync(ct);
        foreach (var c in running)
        {
            c.WithdrawnAt = now;
        }
        AddEvent(ticket, ticket.AuthorId, TicketEventKind.ConsentWithdrawn, "Autorisation de prise en main retirée");
        audit.Add(ticket.AuthorId, "helpdesk.consent.withdrawn", "ticket", ticket.Id);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The consent in force for a ticket now, if any.</summary>
    public Task<ImpersonationConsent?> CurrentConsentAsync(Guid ticketId, CancellationToken ct = default)
    {
        var now = Now;
        return db.HelpdeskConsents.AsNoTracking().Where(c => c.TicketId == ticketId && c.WithdrawnAt == null && c.ExpiresAt > now)
            .OrderByDescending(c => c.ExpiresAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Starts remote assistance: refused without a consent in force for this ticket, to an agent who does not handle it,
    /// and always for the accounts of administrators and level-2 staff (they hold the keys of the platform and 2FA).
    /// </summary>
    public async Task<(ImpersonationSession? Session, string? Error)> StartImpersonationAsync(Ticket ticket, HelpdeskAgent me, CancellationToken ct = default)
    {
        if (!me.Handles(ticket) || ticket.AuthorId == me.PersonId)
        {
            return (null, "Seuls les agents qui traitent cette demande peuvent prendre la main.");
        }
        if (await IsProtectedAccountAsync(ticket.AuthorId, ct))
        {
            return (null, "La prise en main à distance n'est jamais possible sur le compte d'un administrateur ou du support de niveau 2.");
        }
        var consent = await CurrentConsentAsync(ticket.Id, ct);
        if (consent is null)
        {
            return (null, "Le demandeur n'a pas autorisé la prise en main à distance pour cette demande (ou son autorisation a expiré).");
        }
        var session = new ImpersonationSession
        {
            ConsentId = consent.Id, TicketId = ticket.Id, AgentId = me.PersonId, UserId = ticket.AuthorId, StartedAt = Now, ExpiresAt = consent.ExpiresAt,
        };
        db.HelpdeskImpersonations.Add(session);
        AddEvent(ticket, me.PersonId, TicketEventKind.ImpersonationStarted, "Prise en main à distance commencée");
        // Written with the assisted person as actor and the agent as impersonator: the journal shows both names.
        db.AuditEvents.Add(new AuditEvent
        {
            At = Now, ActorId = ticket.AuthorId, ImpersonatorId = me.PersonId, Action = "impersonation.started", TargetType = "ticket", TargetId = ticket.Id,
            Details = $"jusqu'à {consent.ExpiresAt:HH:mm} UTC",
        });
        await db.SaveChangesAsync(ct);
        return (session, null);
    }

    public Task<bool> IsProtectedAccountAsync(Guid personId, CancellationToken ct = default) =>
        db.Memberships.AnyAsync(m => m.PersonId == personId && (m.Role == Role.TerritoryAdmin || m.Role == Role.Level2Support), ct);

    public static string Url(Ticket t) => $"/assistance/{t.Id}";

    /// <summary>Only a local path is kept as "the page they came from" (never another site's address).</summary>
    public static string? SafeLocalPath(string? url) =>
        url is { Length: > 0 and <= 500 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url : null;

    private void AddEvent(Ticket ticket, Guid actorId, TicketEventKind kind, string? body)
    {
        ticket.UpdatedAt = Now;
        db.HelpdeskTicketEvents.Add(new TicketEvent { TicketId = ticket.Id, ActorId = actorId, Kind = kind, Body = body, At = Now });
    }

    private static string Short(string s) => s.Length <= 120 ? s : s[..120] + "…";
}
