using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Training.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Training;

public sealed record NewSession(Guid DistrictId, string? Topic, string? Description, DateTime? StartsAtParis, DateTime? EndsAtParis,
    string? Place, string? VideoUrl, int Seats);

public enum RegistrationResult
{
    Registered,
    AlreadyRegistered,
    Full,
    Closed,
}

/// <summary>Publishing, registering and unregistering, attendance: the rules, each change in one unit of work.</summary>
public sealed class TrainingActions(PreauDbContext db, AuditTrail audit, TimeProvider time)
{
    /// <summary>Publishes a session; returns a French error, or null (and the new id).</summary>
    public async Task<(string? Error, Guid Id)> CreateAsync(TrainingViewer viewer, NewSession input, CancellationToken ct = default)
    {
        if (!viewer.CanManage(input.DistrictId) || !await db.Districts.AnyAsync(d => d.Id == input.DistrictId && !d.IsArchived, ct))
        {
            return ("Choisissez une de vos circonscriptions.", Guid.Empty);
        }
        if (string.IsNullOrWhiteSpace(input.Topic))
        {
            return ("Indiquez le thème de la formation.", Guid.Empty);
        }
        if (input.StartsAtParis is not { } start || input.EndsAtParis is not { } end || end <= start)
        {
            return ("Indiquez le début et la fin (la fin après le début).", Guid.Empty);
        }
        var (startsAt, endsAt) = (Platform.Time.ParisDate.ToUtc(start), Platform.Time.ParisDate.ToUtc(end));
        if (startsAt <= time.GetUtcNow().UtcDateTime)
        {
            return ("La session doit commencer dans le futur.", Guid.Empty);
        }
        var place = string.IsNullOrWhiteSpace(input.Place) ? null : input.Place.Trim();
        var video = string.IsNullOrWhiteSpace(input.VideoUrl) ? null : input.VideoUrl.Trim();
        if (place is null && video is null)
        {
            return ("Indiquez le lieu ou le lien de la visioconférence.", Guid.Empty);
        }
        if (video is not null && (!Uri.TryCreate(video, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
        {
            return ("Le lien de la visioconférence doit commencer par https://.", Guid.Empty);
        }
        if (input.Seats is < 1 or > 1000)
        {
            return ("Le nombre de places va de 1 à 1000.", Guid.Empty);
        }
        var session = new TrainingSession
        {
            DistrictId = input.DistrictId,
            Topic = input.Topic.Trim(),
            Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            StartsAt = startsAt,
            EndsAt = endsAt,
            Place = place,
            VideoUrl = video,
            Seats = input.Seats,
            CreatedById = viewer.PersonId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.TrainingSessions.Add(session);
        audit.Add(viewer.PersonId, "training.create", "TrainingSession", session.Id, $"{session.Seats} places");
        await db.SaveChangesAsync(ct);
        return (null, session.Id);
    }

    /// <summary>
    /// Takes a seat: the conditional UPDATE (taken &lt; seats) and the registration row commit together, so two
    /// teachers racing for the last seat cannot both get it (PostgreSQL re-checks the condition once the first
    /// holder of the row lock commits; SQLite serialises writers).
    /// </summary>
    public async Task<RegistrationResult> RegisterAsync(Guid sessionId, Guid personId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.TrainingRegistrations.AnyAsync(r => r.SessionId == sessionId && r.PersonId == personId, ct))
        {
            return RegistrationResult.AlreadyRegistered;
        }
        var taken = await db.TrainingSessions.Where(s => s.Id == sessionId && s.StartsAt > now && s.Taken < s.Seats)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Taken, x => x.Taken + 1), ct);
        if (taken == 0)
        {
            var open = await db.TrainingSessions.AnyAsync(s => s.Id == sessionId && s.StartsAt > now, ct);
            return open ? RegistrationResult.Full : RegistrationResult.Closed;
        }
        db.TrainingRegistrations.Add(new TrainingRegistration { SessionId = sessionId, PersonId = personId, RegisteredAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same person registering twice at once: the key refuses the second, whose seat is given back by the rollback.
            db.ChangeTracker.Clear();
            return RegistrationResult.AlreadyRegistered;
        }
        await tx.CommitAsync(ct);
        return RegistrationResult.Registered;
    }

    /// <summary>Gives the seat back, until the session starts.</summary>
    public async Task<bool> UnregisterAsync(Guid sessionId, Guid personId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await db.TrainingSessions.AnyAsync(s => s.Id == sessionId && s.StartsAt > now, ct))
        {
            return false;
        }
        var removed = await db.TrainingRegistrations.Where(r => r.SessionId == sessionId && r.PersonId == personId).ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            return false;
        }
        await db.TrainingSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Taken, x => x.Taken - 1), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>The advisor's attendance sheet: present are the ids given, every other registered teacher absent.</summary>
    public async Task RecordAttendanceAsync(TrainingViewer viewer, Guid sessionId, IReadOnlyCollection<Guid> present, CancellationToken ct = default)
    {
        var registrations = await db.TrainingRegistrations.Where(r => r.SessionId == sessionId).ToListAsync(ct);
        foreach (var r in registrations)
        {
            r.Attended = present.Contains(r.PersonId);
        }
        audit.Add(viewer.PersonId, "training.attendance", "TrainingSession", sessionId, $"{registrations.Count(r => r.Attended == true)} / {registrations.Count} présents");
        await db.SaveChangesAsync(ct);
    }
}
