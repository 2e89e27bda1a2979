using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Home.Newness;

/// <summary>When the person last opened each service of their spaces: theirs alone, deleted with them.</summary>
internal sealed class HomePersonalData(PreauDbContext db) : IPersonalDataSection, IPersonalDataErasure
{
    public string Name => "HomeVisits";

    public async Task<object> ReadAsync(Guid personId, CancellationToken ct) =>
        await db.VisitMarks.AsNoTracking().Where(v => v.PersonId == personId).OrderByDescending(v => v.SeenAt)
            .Select(v => new { v.Service, Space = v.ScopeId, v.SeenAt }).ToListAsync(ct);

    public async Task EraseAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        var ids = personIds.ToList();
        await db.VisitMarks.Where(v => ids.Contains(v.PersonId)).ExecuteDeleteAsync(ct);
    }
}
