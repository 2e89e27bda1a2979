using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.TownHallRequests;

/// <summary>Requests to the town hall the person filed, and the comments they wrote on any request.</summary>
internal sealed class TownHallPersonalData(PreauDbContext db) : IPersonalDataSection
{
    public string Name => "TownHallRequests";

    public async Task<object> ReadAsync(Guid personId, CancellationToken ct)
    {
        var filed = await db.TownHallRequests.AsNoTracking().Where(r => r.CreatedById == personId).OrderByDescending(r => r.CreatedAt)
            .Select(r => new { r.CreatedAt, r.Title, r.Description, Urgency = r.Urgency.ToString(), Status = r.Status.ToString(), r.ClosedAt }).ToListAsync(ct);
        var comments = await (from c in db.TownHallComments.AsNoTracking()
                              where c.AuthorId == personId && c.Text != null
                              join r in db.TownHallRequests.AsNoTracking() on c.RequestId equals r.Id
                              orderby c.CreatedAt descending
                              select new { c.CreatedAt, Request = r.Title, c.Text, c.IsInternal }).ToListAsync(ct);
        return new { Filed = filed, Comments = comments };
    }
}
