using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Messaging.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Messaging.Moderation;

public sealed record ReportRow(Guid ReportId, Guid MessageId, string Subject, string Body, string Sender, string Reporter, string? Reason, DateTime At, bool AlreadyHidden);

/// <summary>
/// Reports (« Signaler ») and their moderation. Moderators are decided when a report is filed: the teachers of the
/// classes of the pupils concerned (pupils who sent or received it, children of the guardians who did) and the
/// directors of the schools concerned; territory administrators see every report. Between staff only the directors
/// and the administrators moderate; nobody moderates a report on a message they sent.
/// </summary>
public sealed class ModerationService(PreauDbContext db, TimeProvider time, AuditTrail audit)
{
    public const int PageSize = 20;

    /// <summary>Files a report; false (nothing written) when the person already reported this message.</summary>
    public async Task<bool> ReportAsync(Access a, Guid messageId, string? reason, CancellationToken ct)
    {
        if (await db.MessageReports.AnyAsync(r => r.MessageId == messageId && r.ReporterId == a.PersonId, ct))
        {
            return false;
        }
        var message = await db.Messages.AsNoTracking().Where(m => m.Id == messageId).Select(m => new { m.Id, m.SenderId }).FirstAsync(ct);
        var involved = await db.MessageRecipients.AsNoTracking().Where(r => r.MessageId == messageId).Select(r => r.PersonId).ToListAsync(ct);
        involved.Add(message.SenderId);
        var today = Platform.Time.ParisDate.Today(time);
        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => involved.Contains(m.PersonId) && m.ScopeId != null && (m.ScopeType == ScopeType.Class || m.ScopeType == ScopeType.School)
                && (m.EndsOn == null || m.EndsOn >= today))
            .Select(m => new { m.Role, m.ScopeType, ScopeId = m.ScopeId!.Value }).ToListAsync(ct);
        var childClasses = await (
            from l in db.GuardianLinks.AsNoTracking()
            where involved.Contains(l.GuardianId)
            join m in db.Memberships.AsNoTracking() on l.PupilId equals m.PersonId
            where m.Role == Role.Pupil && m.ScopeType == ScopeType.Class
            select m.ScopeId!.Value).Distinct().ToListAsync(ct);
        // The pupils concerned: pupils who sent or received it, and the children of the guardians who did.
        var pupilClasses = memberships.Where(m => m.Role == Role.Pupil && m.ScopeType == ScopeType.Class).Select(m => m.ScopeId)
            .Concat(childClasses).Distinct().ToList();
        var allClasses = memberships.Where(m => m.ScopeType == ScopeType.Class).Select(m => m.ScopeId).Concat(childClasses).Distinct().ToList();
        var classSchools = await db.Classes.AsNoTracking().Where(c => allClasses.Contains(c.Id)).Select(c => c.SchoolId).ToListAsync(ct);
        var schools = memberships.Where(m => m.ScopeType == ScopeType.School).Select(m => m.ScopeId).Concat(classSchools).Distinct().ToList();

        var report = new MessageReport
        {
            MessageId = messageId, ReporterId = a.PersonId, CreatedAt = time.GetUtcNow().UtcDateTime,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()[..Math.Min(reason.Trim().Length, 1000)],
        };
        db.MessageReports.Add(report);
        db.MessageReportScopes.AddRange(pupilClasses.Select(c => new MessageReportScope { ReportId = report.Id, ScopeType = ScopeType.Class, ScopeId = c }));
        db.MessageReportScopes.AddRange(schools.Select(s => new MessageReportScope { ReportId = report.Id, ScopeType = ScopeType.School, ScopeId = s }));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The reports a person moderates, open ones only unless <paramref name="openOnly"/> is false.</summary>
    public IQueryable<MessageReport> Visible(Access a, bool openOnly = true)
    {
        var reports = db.MessageReports.AsNoTracking().Where(r => !openOnly || r.ClosedAt == null);
        if (a.IsTerritoryAdmin)
        {
            return reports;
        }
        var classes = a.Memberships.Where(m => m.Role == Role.Teacher && m.ScopeType == ScopeType.Class && m.ScopeId != null).Select(m => m.ScopeId!.Value).ToList();
        var schools = a.DirectedSchoolIds.ToList();
        // Nobody moderates a report on their own message: the director or an administrator does.
        var me = a.PersonId;
        return reports.Where(r => db.MessageReportScopes.Any(s => s.ReportId == r.Id
                && ((s.ScopeType == ScopeType.Class && classes.Contains(s.ScopeId)) || (s.ScopeType == ScopeType.School && schools.Contains(s.ScopeId))))
            && !db.Messages.Any(m => m.Id == r.MessageId && m.SenderId == me));
    }

    public static bool MayModerate(Access a) =>
        a.IsTerritoryAdmin || a.DirectedSchoolIds.Any() || a.Memberships.Any(m => m.Role == Role.Teacher && m.ScopeType == ScopeType.Class);

    /// <summary>Whether the person moderates a report (open or closed) on this message: they may then read it.</summary>
    public Task<bool> ModeratesMessageAsync(Access a, Guid messageId, CancellationToken ct) =>
        Visible(a, openOnly: false).AnyAsync(r => r.MessageId == messageId, ct);

    public async Task<Paged<ReportRow>> QueueAsync(Access a, int page, CancellationToken ct)
    {
        page = Math.Max(1, page);
        var visible = Visible(a);
        var total = await visible.CountAsync(ct);
        var rows = await (
            from r in visible
            join m in db.Messages.AsNoTracking() on r.MessageId equals m.Id
            join s in db.Persons.AsNoTracking() on m.SenderId equals s.Id
            join p in db.Persons.AsNoTracking() on r.ReporterId equals p.Id
            orderby r.CreatedAt descending
            select new ReportRow(r.Id, m.Id, m.Subject, m.Body, s.FirstName + " " + s.LastName, p.FirstName + " " + p.LastName, r.Reason, r.CreatedAt, m.HiddenAt != null))
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new Paged<ReportRow>(rows, page, PageSize, total);
    }

    /// <summary>Hides the message for everyone (or only closes the report) and closes every open report on it; false if not a moderator of it.</summary>
    public async Task<bool> DecideAsync(Access a, Guid reportId, bool hide, CancellationToken ct)
    {
        var report = await Visible(a, openOnly: false).Where(r => r.Id == reportId).Select(r => new { r.Id, r.MessageId }).FirstOrDefaultAsync(ct);
        if (report is null)
        {
            return false;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var open = await db.MessageReports.Where(r => r.MessageId == report.MessageId && r.ClosedAt == null && (hide || r.Id == reportId)).ToListAsync(ct);
        foreach (var r in open)
        {
            r.ClosedAt = now;
            r.ClosedBy = a.PersonId;
            r.Hidden = hide;
        }
        if (hide)
        {
            var message = await db.Messages.FirstAsync(m => m.Id == report.MessageId, ct);
            message.HiddenAt ??= now;
            message.HiddenBy ??= a.PersonId;
            audit.Add(a.PersonId, "messaging.message.hidden", "message", message.Id, $"report={reportId}");
        }
        await db.SaveChangesAsync(ct);
        return true;
    }
}
