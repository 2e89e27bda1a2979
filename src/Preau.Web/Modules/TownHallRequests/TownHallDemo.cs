using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.TownHallRequests.Contracts;
using Preau.Web.Modules.TownHallRequests.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.TownHallRequests;

/// <summary>
/// The demo's requests, through the same use cases as the pages: the agent handles every type; one request closed after
/// three days (so the average time to close shows something) and one in progress with a comment.
/// </summary>
internal sealed class TownHallDemo(TownHallDesk desk, PreauDbContext db) : ITownHallDemo
{
    public async Task SeedAsync(Guid authorityId, Guid schoolId, Guid directorId, Guid agentId, CancellationToken ct = default)
    {
        var types = await desk.TypesAsync(authorityId, includeArchived: false, ct);
        db.TownHallTypeHandlers.AddRange(types.Select(t => new RequestTypeHandler { TypeId = t.Id, PersonId = agentId }));
        await db.SaveChangesAsync(ct);
        var names = await db.Schools.Where(s => s.Id == schoolId)
            .Join(db.LocalAuthorities, s => s.LocalAuthorityId, l => l.Id, (s, l) => new { School = s.Name, Authority = l.Name }).FirstAsync(ct);
        var school = new SchoolDesk(schoolId, names.School, authorityId, names.Authority, directorId);
        var repair = types.First(t => t.Category == RequestCategory.Repair).Id;
        var it = types.First(t => t.Category == RequestCategory.It).Id;

        var (closed, _) = await desk.FileAsync(school, new NewRequest(it, "Vidéoprojecteur de la classe de CE1 en panne",
            "Le vidéoprojecteur ne s'allume plus depuis lundi.", RequestUrgency.Normal, []), ct);
        // Filed three days ago, so that its time to close is a realistic one.
        var filedAt = (await db.TownHallRequests.Where(r => r.Id == closed).Select(r => r.CreatedAt).FirstAsync(ct)).AddDays(-3);
        await db.TownHallRequests.Where(r => r.Id == closed).ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, filedAt).SetProperty(r => r.UpdatedAt, filedAt), ct);
        var agentDesk = new RequestDesk(await db.TownHallRequests.AsNoTracking().FirstAsync(r => r.Id == closed, ct), true, agentId);
        await desk.ChangeStatusAsync(agentDesk, RequestStatus.InProgress, null, ct);
        await desk.ChangeStatusAsync(agentDesk with { Request = await db.TownHallRequests.AsNoTracking().FirstAsync(r => r.Id == closed, ct) },
            RequestStatus.Done, "La lampe a été changée.", ct);

        var (open, _) = await desk.FileAsync(school, new NewRequest(repair, "Robinet qui fuit dans les toilettes des filles",
            "Le robinet du fond goutte en permanence.", RequestUrgency.High, []), ct);
        var openDesk = new RequestDesk(await db.TownHallRequests.AsNoTracking().FirstAsync(r => r.Id == open, ct), true, agentId);
        await desk.CommentAsync(openDesk, "Le plombier de la commune passe jeudi matin.", isInternal: false, [], ct);
        await desk.ChangeStatusAsync(openDesk, RequestStatus.InProgress, null, ct);
    }
}
