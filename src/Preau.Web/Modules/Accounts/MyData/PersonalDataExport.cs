using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Notifications.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Accounts.MyData;

/// <summary>
/// The file of everything Préau keeps about one person (GDPR right of access): identity, account, roles, links,
/// sign-ins, notifications, then each service's section (<see cref="IPersonalDataSection"/>), written to the response
/// as it is read. The person downloads it from « Mes données »; an administrator for them, to answer a request.
/// </summary>
public sealed class PersonalDataExport(PreauDbContext db, AuditTrail audit, TimeProvider time, IEnumerable<IPersonalDataSection> sections)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes the file; false (nothing written) when the person does not exist. <paramref name="actorId"/> is audited.</summary>
    public async Task<bool> WriteAsync(Guid id, Guid actorId, HttpResponse response, string fileName, CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return false;
        }
        var account = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { Login = u.UserName, u.Email, u.CharterVersionAccepted, u.CharterAcceptedAt, u.LastLoginAt, u.TwoFactorEnabled })
            .FirstOrDefaultAsync(ct);
        var memberships = await (from m in db.Memberships.AsNoTracking()
                                 where m.PersonId == id
                                 join y in db.SchoolYears.AsNoTracking() on m.SchoolYearId equals y.Id into my
                                 from y in my.DefaultIfEmpty()
                                 select new
                                 {
                                     Role = m.Role.ToString(),
                                     Scope = m.ScopeType.ToString(),
                                     Structure = m.ScopeType == ScopeType.School ? db.Schools.Where(s => s.Id == m.ScopeId).Select(s => s.Name).FirstOrDefault()
                                         : m.ScopeType == ScopeType.Class ? db.Classes.Where(c => c.Id == m.ScopeId).Select(c => c.Name).FirstOrDefault()
                                         : m.ScopeType == ScopeType.District ? db.Districts.Where(d => d.Id == m.ScopeId).Select(d => d.Name).FirstOrDefault()
                                         : m.ScopeType == ScopeType.LocalAuthority ? db.LocalAuthorities.Where(a => a.Id == m.ScopeId).Select(a => a.Name).FirstOrDefault()
                                         : m.ScopeType == ScopeType.Group ? db.Groups.Where(g => g.Id == m.ScopeId).Select(g => g.Name).FirstOrDefault()
                                         : null,
                                     SchoolYear = y == null ? null : y.Label,
                                     m.StartsOn,
                                     m.EndsOn,
                                 }).ToListAsync(ct);
        var children = await (from l in db.GuardianLinks.AsNoTracking()
                              where l.GuardianId == id
                              join p in db.Persons.AsNoTracking() on l.PupilId equals p.Id
                              select new { p.FirstName, p.LastName, Relationship = l.Relationship.ToString(), l.HasParentalAuthority }).ToListAsync(ct);
        var guardians = await (from l in db.GuardianLinks.AsNoTracking()
                               where l.PupilId == id
                               join p in db.Persons.AsNoTracking() on l.GuardianId equals p.Id
                               select new { p.FirstName, p.LastName, Relationship = l.Relationship.ToString(), l.HasParentalAuthority }).ToListAsync(ct);
        var groups = await (from g in db.GroupMembers.IgnoreQueryFilters().AsNoTracking()
                            where g.PersonId == id
                            join gr in db.Groups.AsNoTracking() on g.GroupId equals gr.Id
                            select new { gr.Name, Role = g.Role.ToString(), g.StartsOn, g.EndsOn }).ToListAsync(ct);
        var since = time.GetUtcNow().UtcDateTime.AddYears(-1);
        var logins = await db.LoginEvents.AsNoTracking().Where(e => e.UserId == id && e.At >= since).OrderByDescending(e => e.At)
            .Select(e => new { e.At, e.Ip, Outcome = e.Outcome.ToString() }).ToListAsync(ct);
        // What the person was told and when (kept one year: NotificationRetention), and how they chose to be told.
        var notifications = await db.NotificationItems.AsNoTracking().Where(i => i.PersonId == id).OrderByDescending(i => i.CreatedAt)
            .Select(i => new { i.CreatedAt, Kind = i.Kind.ToString(), i.Title, i.Url, i.ReadAt }).ToListAsync(ct);
        var emailChoice = await db.NotificationPreferences.AsNoTracking().Where(x => x.PersonId == id).Select(x => (EmailMode?)x.Mode).FirstOrDefaultAsync(ct);
        var header = new
        {
            ExportedAt = time.GetUtcNow().UtcDateTime,
            Identity = new
            {
                person.FirstName, person.LastName, person.UsageName, person.BirthDate, person.Sex, person.Ine, person.Phone,
                person.PhotoAllowed, person.AssociationsAllowed, person.CreatedAt, person.LeftOn, person.DeleteOn,
            },
            Account = account,
            Memberships = memberships,
            Children = children,
            Guardians = guardians,
            Groups = groups,
            LoginEvents = logins,
            NotificationEmails = (emailChoice ?? EmailMode.EachNotification).ToString(),
            Notifications = notifications,
        };
        audit.Add(actorId, actorId == id ? "person.data-exported" : "person.data-exported-for", "Person", id);
        await db.SaveChangesAsync(ct);

        response.ContentType = "application/json; charset=utf-8";
        response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        response.Headers.CacheControl = "private, no-store";
        await using var writer = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        foreach (var property in JsonSerializer.SerializeToElement(header, Json).EnumerateObject())
        {
            property.WriteTo(writer);
        }
        writer.WritePropertyName("Content");
        writer.WriteStartObject();
        foreach (var section in sections.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            writer.WritePropertyName(section.Name);
            JsonSerializer.Serialize(writer, await section.ReadAsync(id, ct), Json);
            await writer.FlushAsync(ct);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(ct);
        return true;
    }
}
