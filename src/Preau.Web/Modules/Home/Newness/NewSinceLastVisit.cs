using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Home.Newness;

/// <summary>
/// The home page's « new since your last visit » counts (PRODUCT.md, Accueil): for each service of each space, what
/// appeared there after the person last opened that service of that space — within the last
/// <see cref="WindowDays"/> days, so that a space never opened shows the month's news rather than a year's. One
/// statement for every module and space: the modules' queries joined (UNION ALL), each item compared with the
/// person's mark of its place, counted by place.
/// </summary>
public sealed class NewSinceLastVisit(PreauDbContext db, IEnumerable<INewItemsSource> sources, VisitMarks pending, TimeProvider time)
{
    public const int WindowDays = 30;

    public async Task<IReadOnlyDictionary<(string Service, Guid SpaceId), IReadOnlyList<(NewKind Kind, int Count)>>> CountAsync(
        Guid personId, IReadOnlyCollection<Guid> spaces, IReadOnlyCollection<Guid> staffSpaces, IReadOnlyCollection<Guid> pupils, CancellationToken ct = default)
    {
        var list = sources.ToList();
        if (spaces.Count == 0 || list.Count == 0)
        {
            return new Dictionary<(string, Guid), IReadOnlyList<(NewKind, int)>>();
        }
        var now = time.GetUtcNow().UtcDateTime;
        var request = new NewItemsRequest(personId, now.AddDays(-WindowDays), now, [.. spaces], [.. staffSpaces], [.. pupils]);
        var items = list.Select(s => s.Query(db, request)).Aggregate((a, b) => a.Concat(b));
        var floor = request.Since;
        var marks = db.VisitMarks.AsNoTracking().Where(v => v.PersonId == personId);
        var rows = await items
            .Where(i => i.At > (marks.Where(v => v.Service == i.Service && v.ScopeId == i.SpaceId).Max(v => (DateTime?)v.SeenAt) ?? floor))
            .GroupBy(i => new { i.Service, i.Kind, i.SpaceId })
            .Select(g => new { g.Key.Service, g.Key.Kind, g.Key.SpaceId, Count = g.Count() })
            .ToListAsync(ct);
        // Opened in the last second and not written yet: nothing there is new any more.
        var justSeen = pending.PendingFor(personId);
        return rows.Where(r => !justSeen.Contains((r.Service, r.SpaceId)))
            .GroupBy(r => (r.Service, r.SpaceId))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<(NewKind, int)>)[.. g.OrderBy(r => r.Kind).Select(r => (r.Kind, r.Count))]);
    }
}
