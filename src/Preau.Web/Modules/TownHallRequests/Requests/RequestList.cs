using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.Shared;
using Preau.Web.Modules.TownHallRequests.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.TownHallRequests.Requests;

/// <summary>« Mes demandes » (followed by the agent looking) or « Non attribuées » (followed by nobody yet).</summary>
public enum RequestFollow
{
    Me,
    Nobody,
}

/// <summary>The filters of a list, as they travel in the URL (empty = all).</summary>
public sealed record RequestFilter(RequestStatus? Status, Guid? TypeId, Guid? SchoolId, RequestUrgency? Urgency, RequestFollow? Follow = null);

public sealed record RequestRow(Guid Id, string Title, string SchoolName, string TypeName, RequestUrgency Urgency, RequestStatus Status, DateTime CreatedAt, DateTime UpdatedAt,
    Guid? AssigneeId = null)
{
    /// <summary>« Suivie par »: the agent's name, filled for the page's rows.</summary>
    public string? AssigneeName { get; init; }
}

/// <summary>A page of requests, newest first, with the school's and the type's names joined in the same query.</summary>
public sealed class RequestList(PreauDbContext db, INotificationReads reads)
{
    public const int PageSize = 20;

    /// <summary>Requests of one collectivité (<paramref name="authorityId"/>) or of one school (<paramref name="schoolId"/>).</summary>
    public async Task<Paged<RequestRow>> PageAsync(Guid? authorityId, Guid? schoolId, RequestFilter filter, int page, CancellationToken ct = default, Guid? me = null)
    {
        var query = db.TownHallRequests.AsNoTracking();
        query = authorityId is { } la ? query.Where(r => r.LocalAuthorityId == la) : query.Where(r => r.SchoolId == schoolId);
        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }
        if (filter.TypeId is { } type)
        {
            query = query.Where(r => r.TypeId == type);
        }
        if (filter.SchoolId is { } school)
        {
            query = query.Where(r => r.SchoolId == school);
        }
        if (filter.Urgency is { } urgency)
        {
            query = query.Where(r => r.Urgency == urgency);
        }
        if (filter.Follow == RequestFollow.Me && me is { } agent)
        {
            query = query.Where(r => r.AssigneeId == agent);
        }
        else if (filter.Follow == RequestFollow.Nobody)
        {
            query = query.Where(r => r.AssigneeId == null);
        }
        var total = await query.CountAsync(ct);
        var p = Territory.Pager.Clamp(page, total, PageSize);
        var rows = await query.OrderByDescending(r => r.CreatedAt)
            .Skip((p - 1) * PageSize).Take(PageSize)
            .Join(db.Schools, r => r.SchoolId, s => s.Id, (r, s) => new { r, SchoolName = s.Name })
            .Join(db.TownHallTypes, x => x.r.TypeId, t => t.Id, (x, t) => new RequestRow(x.r.Id, x.r.Title, x.SchoolName, t.Name, x.r.Urgency, x.r.Status, x.r.CreatedAt, x.r.UpdatedAt, x.r.AssigneeId))
            .ToListAsync(ct);
        // The names of those following the page's requests, in one more query when some are followed.
        var assignees = rows.Where(r => r.AssigneeId != null).Select(r => r.AssigneeId!.Value).Distinct().ToList();
        var names = assignees.Count == 0 ? [] : await db.Persons.AsNoTracking().Where(x => assignees.Contains(x.Id))
            .ToDictionaryAsync(x => x.Id, x => x.FirstName + " " + x.LastName, ct);
        // The joins keep the page's order on both databases only if it is applied again after them.
        return new Paged<RequestRow>([.. rows.OrderByDescending(r => r.CreatedAt)
            .Select(r => r.AssigneeId is { } a && names.TryGetValue(a, out var n) ? r with { AssigneeName = n } : r)], p, PageSize, total);
    }

    /// <summary>
    /// The requests of the page that an unread notification of the person leads to: an answer or a change of status for
    /// the school, a new request or a school's reply for the town hall. Opening the request reads them.
    /// </summary>
    public async Task<IReadOnlySet<Guid>> UnreadAsync(IReadOnlyList<RequestRow> rows, CancellationToken ct = default)
    {
        var unread = await reads.UnreadAmongAsync([.. rows.Select(r => TownHallDesk.Url(r.Id))], ct);
        return rows.Where(r => unread.Contains(TownHallDesk.Url(r.Id))).Select(r => r.Id).ToHashSet();
    }

    /// <summary>The URL of another page of the same list, with its filters.</summary>
    public static string Link(string path, RequestFilter f, int page) => Territory.Pager.Link(path, page,
        ("statut", f.Status?.ToString()), ("type", f.TypeId?.ToString()), ("ecole", f.SchoolId?.ToString()), ("urgence", f.Urgency?.ToString()),
        ("suivi", f.Follow switch { RequestFollow.Me => "moi", RequestFollow.Nobody => "personne", _ => null }));
}

public static class RequestFilterBinding
{
    /// <summary>Reads the URL's filters; an unknown value is ignored (the whole list), never an error.</summary>
    public static RequestFilter Parse(string? statut, string? type, string? ecole, string? urgence, string? suivi = null) => new(
        Enum.TryParse<RequestStatus>(statut, out var s) && Enum.IsDefined(s) ? s : null,
        Guid.TryParse(type, out var t) ? t : null,
        Guid.TryParse(ecole, out var e) ? e : null,
        Enum.TryParse<RequestUrgency>(urgence, out var u) && Enum.IsDefined(u) ? u : null,
        suivi switch { "moi" => RequestFollow.Me, "personne" => RequestFollow.Nobody, _ => null });
}
