using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.TownHallRequests.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.TownHallRequests;

/// <summary>What a school sends: the photos and documents (a quote, a plan) are opened by the caller (a form post, the demo).</summary>
public sealed record NewRequest(Guid TypeId, string Title, string Description, RequestUrgency Urgency, IReadOnlyList<(string FileName, Func<Stream> Open)> Photos);

/// <summary>The average time to close the requests of one type (closed = done or refused).</summary>
public sealed record CloseTime(Guid TypeId, string TypeName, int Closed, TimeSpan Average);

/// <summary>
/// The use cases of the requests to the town hall. Rights are checked by the pages through <see cref="TownHallAccess"/>;
/// each use case writes its audit event and notifications in the same unit of work as the change.
/// </summary>
public sealed class TownHallDesk(PreauDbContext db, IFileService files, INotifier notifier, AuditTrail audit, TimeProvider time)
{
    public const string PhotoPurpose = "townhall.photo";
    public const int MaxPhotos = 5;
    /// <summary>Up to <see cref="MaxPhotos"/> photos of the default 10 MiB, plus the form.</summary>
    public const long MaxRequestBytes = 60L * 1024 * 1024;
    public const int ThumbnailSide = 320;

    private static readonly (RequestCategory Category, string Name)[] Defaults =
    [
        (RequestCategory.Repair, "Réparation"),
        (RequestCategory.Equipment, "Équipement, mobilier"),
        (RequestCategory.It, "Informatique"),
        (RequestCategory.Event, "Événement, prêt de salle"),
        (RequestCategory.Other, "Autre demande"),
    ];

    /// <summary>A collectivité starts with the five usual types, created the first time anybody needs its list.</summary>
    public async Task<IReadOnlyList<RequestType>> TypesAsync(Guid authorityId, bool includeArchived, CancellationToken ct = default)
    {
        var types = await db.TownHallTypes.AsNoTracking().Where(t => t.LocalAuthorityId == authorityId).OrderBy(t => t.Position).ToListAsync(ct);
        if (types.Count == 0)
        {
            types = [.. Defaults.Select((d, i) => new RequestType { LocalAuthorityId = authorityId, Category = d.Category, Name = d.Name, Position = i + 1 })];
            db.TownHallTypes.AddRange(types);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another request seeded them at the same moment: read theirs.
                db.ChangeTracker.Clear();
                types = await db.TownHallTypes.AsNoTracking().Where(t => t.LocalAuthorityId == authorityId).OrderBy(t => t.Position).ToListAsync(ct);
            }
        }
        return [.. types.Where(t => includeArchived || !t.IsArchived)];
    }

    /// <summary>
    /// Files a request; its files are checked by the files service (photos, PDF, office documents, text; never a
    /// program or a web page), photos kept with a thumbnail. Returns the request, or French errors and nothing kept.
    /// </summary>
    public async Task<(Guid? RequestId, IReadOnlyList<string> Errors)> FileAsync(SchoolDesk school, NewRequest input, CancellationToken ct = default)
    {
        var type = await db.TownHallTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == input.TypeId && t.LocalAuthorityId == school.LocalAuthorityId && !t.IsArchived, ct);
        if (type is null)
        {
            return (null, ["Choisissez le type de demande."]);
        }
        if (input.Photos.Count > MaxPhotos)
        {
            return (null, [$"Joignez au plus {MaxPhotos} photos ou documents."]);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var request = new Request
        {
            SchoolId = school.SchoolId, LocalAuthorityId = school.LocalAuthorityId, TypeId = type.Id, Title = input.Title.Trim(),
            Description = input.Description.Trim(), Urgency = input.Urgency, Status = RequestStatus.New, CreatedById = school.PersonId,
            CreatedAt = now, UpdatedAt = now,
        };
        var (photos, error) = await SaveFilesAsync(request.Id, school.SchoolId, school.PersonId, null, 0, input.Photos, ct);
        if (error is not null)
        {
            return (null, [error]);
        }
        db.TownHallRequests.Add(request);
        db.TownHallPhotos.AddRange(photos);
        audit.Add(school.PersonId, "townhall.request.filed", "townhall_request", request.Id, $"school={school.SchoolId};type={type.Id};urgency={input.Urgency};photos={photos.Count}");
        var handlers = await TownHallSideAsync(request, ct);
        notifier.Enqueue([.. handlers.Where(id => id != school.PersonId)], NotificationKind.TownHallRequest,
            $"Nouvelle demande de l'école {school.SchoolName} : {Short(request.Title)}", Url(request.Id));
        await db.SaveChangesAsync(ct);
        return (request.Id, []);
    }

    /// <summary>
    /// A comment for both sides, or an internal note (town hall only: the school is not notified of it), with up to
    /// <see cref="MaxPhotos"/> files checked as a request's are. An internal note carries none: the files of a request
    /// are readable by both sides. Returns a French error and keeps nothing, or null.
    /// </summary>
    public async Task<string?> CommentAsync(RequestDesk desk, string text, bool isInternal, IReadOnlyList<(string FileName, Func<Stream> Open)> attachments, CancellationToken ct = default)
    {
        var request = desk.Request;
        var now = time.GetUtcNow().UtcDateTime;
        isInternal = isInternal && desk.IsTownHall;
        if (attachments.Count > 0 && isInternal)
        {
            return "Une note interne ne peut pas porter de fichier (l'école pourrait l'ouvrir) : envoyez-le avec un commentaire.";
        }
        if (attachments.Count > MaxPhotos)
        {
            return $"Joignez au plus {MaxPhotos} photos ou documents.";
        }
        var comment = new RequestComment { RequestId = request.Id, AuthorId = desk.PersonId, Text = text.Trim(), IsInternal = isInternal, CreatedAt = now };
        var position = attachments.Count == 0 ? 0 : await db.TownHallPhotos.Where(p => p.RequestId == request.Id).MaxAsync(p => (int?)p.Position, ct) ?? 0;
        var (saved, error) = await SaveFilesAsync(request.Id, request.SchoolId, desk.PersonId, comment.Id, position, attachments, ct);
        if (error is not null)
        {
            return error;
        }
        db.TownHallComments.Add(comment);
        db.TownHallPhotos.AddRange(saved);
        if (saved.Count > 0)
        {
            audit.Add(desk.PersonId, "townhall.comment.files", "townhall_request", request.Id, $"comment={comment.Id};files={saved.Count}");
        }
        (await db.TownHallRequests.FirstAsync(r => r.Id == request.Id, ct)).UpdatedAt = now;
        var townHall = await TownHallSideAsync(request, ct);
        var recipients = isInternal ? townHall : townHall.Concat(await SchoolSideAsync(request, ct));
        notifier.Enqueue([.. recipients.Where(id => id != desk.PersonId).Distinct()], NotificationKind.TownHallRequest,
            isInternal ? $"Note interne sur la demande « {Short(request.Title)} »" : $"Nouveau commentaire sur la demande « {Short(request.Title)} »", Url(request.Id));
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// Saves the files of a request or of one of its comments through the files service (checked there: photos, PDF,
    /// office documents, text; never a program or a web page), a photo with its thumbnail made now rather than by a
    /// background job (a few per request, ADR 0012). On the first refused file, what this call saved is deleted again
    /// (thumbnails too: the request, their owner, stays) and the error returned.
    /// </summary>
    private async Task<(List<RequestPhoto> Saved, string? Error)> SaveFilesAsync(Guid requestId, Guid schoolId, Guid personId, Guid? commentId,
        int lastPosition, IReadOnlyList<(string FileName, Func<Stream> Open)> attachments, CancellationToken ct)
    {
        var saved = new List<RequestPhoto>();
        foreach (var (fileName, open) in attachments)
        {
            SaveFileResult result;
            await using (var stream = open())
            {
                result = await files.SaveAsync(stream, fileName, PhotoPurpose, requestId, QuotaScope.School(schoolId), personId, ct);
            }
            if (result.Error is { } error)
            {
                foreach (var id in saved.SelectMany(p => new[] { p.FileId, p.ThumbnailFileId }).OfType<Guid>())
                {
                    await files.DeleteAsync(id, ct);
                }
                return ([], error);
            }
            var thumbnail = result.File!.IsImage ? await files.SaveImageVariantsAsync(result.File.Id, [ThumbnailSide], ct) : null;
            saved.Add(new RequestPhoto
            {
                RequestId = requestId, CommentId = commentId, FileId = result.File.Id, ThumbnailFileId = thumbnail?.FirstOrDefault()?.Id, Position = ++lastPosition,
            });
        }
        return (saved, null);
    }

    /// <summary>The statuses a request may move to from <paramref name="from"/>: new → in progress or refused, in progress → done or refused.</summary>
    public static IReadOnlyList<RequestStatus> NextStatuses(RequestStatus from) => from switch
    {
        RequestStatus.New => [RequestStatus.InProgress, RequestStatus.Refused],
        RequestStatus.InProgress => [RequestStatus.Done, RequestStatus.Refused],
        _ => [],
    };

    /// <summary>Moves the request (town hall only, checked by the caller); false when the transition is not allowed.</summary>
    public async Task<bool> ChangeStatusAsync(RequestDesk desk, RequestStatus to, string? message, CancellationToken ct = default)
    {
        var request = await db.TownHallRequests.FirstAsync(r => r.Id == desk.Request.Id, ct);
        if (!desk.IsTownHall || !NextStatuses(request.Status).Contains(to))
        {
            return false;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var from = request.Status;
        request.Status = to;
        request.UpdatedAt = now;
        if (to is RequestStatus.Done or RequestStatus.Refused)
        {
            request.ClosedAt = now;
            request.CloseSeconds = (long)(now - request.CreatedAt).TotalSeconds;
        }
        db.TownHallComments.Add(new RequestComment
        {
            RequestId = request.Id, AuthorId = desk.PersonId, NewStatus = to, CreatedAt = now,
            Text = string.IsNullOrWhiteSpace(message) ? null : message.Trim(),
        });
        audit.Add(desk.PersonId, "townhall.request.status", "townhall_request", request.Id, $"{from}->{to}");
        var recipients = (await SchoolSideAsync(request, ct)).Concat(await TownHallSideAsync(request, ct));
        notifier.Enqueue([.. recipients.Where(id => id != desk.PersonId).Distinct()], NotificationKind.TownHallRequest,
            $"Demande « {Short(request.Title)} » : {TownHallLabels.Status(to).ToLowerInvariant()}", Url(request.Id));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The collectivité's current municipal agents, by name: those a request may be given to.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> AgentsAsync(Guid authorityId, CancellationToken ct = default)
    {
        var agents = await AgentsOf(authorityId)
            .Join(db.Persons, m => m.PersonId, p => p.Id, (m, p) => new { p.Id, p.LastName, p.FirstName })
            .Distinct().ToListAsync(ct);
        return [.. agents.OrderBy(a => a.LastName).ThenBy(a => a.FirstName).Select(a => (a.Id, $"{a.FirstName} {a.LastName}"))];
    }

    /// <summary>
    /// Gives the request to one of the collectivité's agents (or to nobody: back to the type's handlers): town hall only,
    /// an agent of that collectivité only. Recorded in the history as an internal note, audited, and told to the new
    /// assignee when someone else chose them. False when refused.
    /// </summary>
    public async Task<bool> AssignAsync(RequestDesk desk, Guid? assigneeId, CancellationToken ct = default)
    {
        var request = await db.TownHallRequests.FirstAsync(r => r.Id == desk.Request.Id, ct);
        if (!desk.IsTownHall)
        {
            return false;
        }
        var agents = await AgentsAsync(request.LocalAuthorityId, ct);
        if (assigneeId is { } chosen && agents.All(a => a.Id != chosen))
        {
            return false;
        }
        if (request.AssigneeId == assigneeId)
        {
            return true;
        }
        var now = time.GetUtcNow().UtcDateTime;
        request.AssigneeId = assigneeId;
        request.UpdatedAt = now;
        var name = assigneeId is null ? null : agents.First(a => a.Id == assigneeId).Name;
        db.TownHallComments.Add(new RequestComment
        {
            RequestId = request.Id, AuthorId = desk.PersonId, IsInternal = true, CreatedAt = now,
            Text = name is null ? "Demande rendue à l'ensemble du service." : $"Demande suivie par {name}.",
        });
        audit.Add(desk.PersonId, "townhall.request.assigned", "townhall_request", request.Id, assigneeId?.ToString() ?? "none");
        if (assigneeId is { } to && to != desk.PersonId)
        {
            notifier.Enqueue([to], NotificationKind.TownHallRequest, $"Demande à suivre : {Short(request.Title)}", Url(request.Id));
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Average time to close per type of the collectivité, over every closed request: one grouped query.</summary>
    public async Task<IReadOnlyList<CloseTime>> CloseTimesAsync(Guid authorityId, CancellationToken ct = default)
    {
        var rows = await db.TownHallRequests.AsNoTracking()
            .Where(r => r.LocalAuthorityId == authorityId && r.CloseSeconds != null)
            .GroupBy(r => r.TypeId)
            .Select(g => new { TypeId = g.Key, Count = g.Count(), Average = g.Average(r => (double)r.CloseSeconds!.Value) })
            .ToListAsync(ct);
        var names = (await TypesAsync(authorityId, includeArchived: true, ct)).ToDictionary(t => t.Id, t => (t.Name, t.Position));
        return [.. rows.Where(r => names.ContainsKey(r.TypeId)).OrderBy(r => names[r.TypeId].Position)
            .Select(r => new CloseTime(r.TypeId, names[r.TypeId].Name, r.Count, TimeSpan.FromSeconds(Math.Round(r.Average))))];
    }

    /// <summary>
    /// Who is told on the town hall's side: the agent following the request; else the handlers of its type; else every
    /// agent of the collectivité (only people who are agents there today).
    /// </summary>
    private async Task<IReadOnlyList<Guid>> TownHallSideAsync(Request request, CancellationToken ct)
    {
        var handlers = await db.TownHallTypeHandlers.AsNoTracking().Where(h => h.TypeId == request.TypeId).Select(h => h.PersonId).ToListAsync(ct);
        var agents = await AgentsOf(request.LocalAuthorityId).Select(m => m.PersonId).Distinct().ToListAsync(ct);
        if (request.AssigneeId is { } assignee && agents.Contains(assignee))
        {
            return [assignee];
        }
        var current = handlers.Where(agents.Contains).ToList();
        return current.Count > 0 ? current : agents;
    }

    /// <summary>The collectivité's municipal agents today.</summary>
    private IQueryable<Membership> AgentsOf(Guid authorityId)
    {
        var today = Platform.Time.ParisDate.Today(time);
        return db.Memberships.AsNoTracking()
            .Where(m => (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today))
            .Where(m => m.Role == Role.MunicipalAgent && m.ScopeType == ScopeType.LocalAuthority && m.ScopeId == authorityId);
    }

    /// <summary>The person who filed the request and the school's directors.</summary>
    private async Task<IReadOnlyList<Guid>> SchoolSideAsync(Request request, CancellationToken ct)
    {
        var today = Platform.Time.ParisDate.Today(time);
        var directors = await db.Memberships.AsNoTracking()
            .Where(m => (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today))
            .Where(m => m.Role == Role.Director && m.ScopeType == ScopeType.School && m.ScopeId == request.SchoolId)
            .Select(m => m.PersonId).ToListAsync(ct);
        return [.. directors.Append(request.CreatedById).Distinct()];
    }

    public static string Url(Guid requestId) => $"/demandes-mairie/{requestId}";

    private static string Short(string title) => title.Length > 80 ? title[..80] + "…" : title;
}
