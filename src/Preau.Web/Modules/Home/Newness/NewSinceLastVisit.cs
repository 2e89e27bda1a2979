using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Telemetry;

namespace Preau.Web.Modules.Home.Newness;

/// <summary>What is new in one place: a service of a space, and the kind of thing counted.</summary>
public sealed record NewCount(string Service, NewKind Kind, Guid SpaceId, int Count);

/// <summary>
/// Every module's part of the counts joined into one statement (UNION ALL), each item compared with the person's mark
/// of its place in the same statement, counted by place — compiled once for the process (ADR 0019, 0036).
/// </summary>
public sealed class NewItemsQuery
{
    public NewItemsQuery(IEnumerable<INewItemsSource> sources)
    {
        // The request's members become the compiled query's own parameters: EF reads collections passed that way as
        // arrays in every part of the statement (a member of a parameter object is not translated inside a subquery).
        var db = Expression.Parameter(typeof(PreauDbContext), "db");
        var parameters = new Dictionary<string, ParameterExpression>
        {
            [nameof(NewItemsRequest.PersonId)] = Expression.Parameter(typeof(Guid), "personId"),
            [nameof(NewItemsRequest.Since)] = Expression.Parameter(typeof(DateTime), "since"),
            [nameof(NewItemsRequest.Now)] = Expression.Parameter(typeof(DateTime), "now"),
            [nameof(NewItemsRequest.Spaces)] = Expression.Parameter(typeof(Guid[]), "spaces"),
            [nameof(NewItemsRequest.StaffSpaces)] = Expression.Parameter(typeof(Guid[]), "staffSpaces"),
            [nameof(NewItemsRequest.Pupils)] = Expression.Parameter(typeof(Guid[]), "pupils"),
        };
        Expression? union = null;
        foreach (var source in sources)
        {
            var body = new Rebind(source.Query.Parameters[0], db, source.Query.Parameters[1], parameters).Visit(source.Query.Body);
            union = union is null ? body : Expression.Call(typeof(Queryable), nameof(Queryable.Concat), [typeof(NewItem)], union, body);
        }
        var all = Expression.Lambda<Func<PreauDbContext, Guid, DateTime, DateTime, Guid[], Guid[], Guid[], IQueryable<NewItem>>>(
            union ?? Expression.Constant(Array.Empty<NewItem>().AsQueryable()),
            [db, .. parameters.Values]);
        Expression<Func<PreauDbContext, Guid, DateTime, DateTime, Guid[], Guid[], Guid[], IQueryable<NewCount>>> counted =
            (db, personId, since, now, spaces, staffSpaces, pupils) =>
                all.Inline(db, personId, since, now, spaces, staffSpaces, pupils)
                    .Where(i => i.At > (db.VisitMarks.Where(v => v.PersonId == personId && v.Service == i.Service && v.ScopeId == i.SpaceId)
                        .Max(v => (DateTime?)v.SeenAt) ?? since))
                    .GroupBy(i => new { i.Service, i.Kind, i.SpaceId })
                    .Select(g => new NewCount(g.Key.Service, g.Key.Kind, g.Key.SpaceId, g.Count()));
        var expanded = QueryTemplate.Expand(counted);
        var run = EF.CompileAsyncQuery(expanded);
        Run = (context, r) => run(context, r.PersonId, r.Since, r.Now, r.Spaces, r.StaffSpaces, r.Pupils);
        // The person's own visits (VisitMark) are told by VisitMarks, not as writes: their writer runs every second.
        Statement = new RememberedStatement(StatementName, expanded, ["ClassId", "ScopeId", "SpaceId"],
            // Read only as what a counted item refers to (a pupil tagged on a photo): a new one is referred to by nothing
            // yet, so adding one — every account created, every pupil imported — changes no count.
            addedUnseen: [typeof(People.Data.Person)]).Without(typeof(Data.VisitMark));
    }

    public Func<PreauDbContext, NewItemsRequest, IAsyncEnumerable<NewCount>> Run { get; }

    public const string StatementName = "new-items";

    /// <summary>
    /// What the statement reads, for <see cref="SpaceActivityInterceptor"/>: read from the statement itself, so that a
    /// module's new rule is followed without anyone listing it again.
    /// </summary>
    public RememberedStatement Statement { get; }

    private sealed class Rebind(ParameterExpression db, ParameterExpression toDb, ParameterExpression r, Dictionary<string, ParameterExpression> members) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == db ? toDb : node == r ? throw new InvalidOperationException("A new-items query may use the request's members only.") : node;

        protected override Expression VisitMember(MemberExpression node) =>
            node.Expression == r ? members[node.Member.Name] : base.VisitMember(node);
    }
}

/// <summary>
/// The home page's « new since your last visit » counts (PRODUCT.md, Accueil): for each service of each space, what
/// appeared there after the person last opened that service of that space — within the last
/// <see cref="WindowDays"/> days, so that a space never opened shows the month's news rather than a year's. One
/// statement for every module and space (<see cref="NewItemsQuery"/>), skipped while nothing it reads changed in the
/// person's spaces since they were last counted, for up to <see cref="RememberedFor"/> (ADR 0040).
/// </summary>
public sealed class NewSinceLastVisit(PreauDbContext db, NewItemsQuery query, VisitMarks pending, SpaceActivity activity, IMemoryCache cache, TimeProvider time)
{
    public const int WindowDays = 30;

    /// <summary>How long counts are kept without a change seen by this process (see <see cref="RememberedResults.RememberedFor"/>).</summary>
    public static readonly TimeSpan RememberedFor = RememberedResults.RememberedFor;

    private sealed record Remembered(long Tick, DateTime At, Guid[] Spaces, Guid[] StaffSpaces, Guid[] Pupils,
        IReadOnlyDictionary<(string Service, Guid SpaceId), IReadOnlyList<(NewKind Kind, int Count)>> Counts);

    public async Task<IReadOnlyDictionary<(string Service, Guid SpaceId), IReadOnlyList<(NewKind Kind, int Count)>>> CountAsync(
        Guid personId, IReadOnlyCollection<Guid> spaces, IReadOnlyCollection<Guid> staffSpaces, IReadOnlyCollection<Guid> pupils, CancellationToken ct = default)
    {
        if (spaces.Count == 0)
        {
            return new Dictionary<(string, Guid), IReadOnlyList<(NewKind, int)>>();
        }
        var now = time.GetUtcNow().UtcDateTime;
        var key = (nameof(NewSinceLastVisit), personId);
        if (cache.TryGetValue(key, out Remembered? remembered) && remembered is not null
            && now - remembered.At < RememberedFor && now >= remembered.At
            && remembered.Spaces.SequenceEqual(spaces) && remembered.StaffSpaces.SequenceEqual(staffSpaces) && remembered.Pupils.SequenceEqual(pupils)
            && activity.UnchangedSince(NewItemsQuery.StatementName, remembered.Tick, personId, spaces))
        {
            var seen = activity.VisitedSince(personId, remembered.Tick);
            PreauMeter.HomeNewCounts.Add(1, new KeyValuePair<string, object?>("remembered", true));
            return seen.Count == 0 ? remembered.Counts : remembered.Counts.Where(c => !seen.Contains(c.Key)).ToDictionary();
        }
        PreauMeter.HomeNewCounts.Add(1, new KeyValuePair<string, object?>("remembered", false));
        // Read before the statement: a change committed after it is told with a later tick, so what is remembered
        // below is dropped at the next visit if the statement might have missed it.
        var tick = activity.Now;
        var request = new NewItemsRequest(personId, now.AddDays(-WindowDays), now, [.. spaces], [.. staffSpaces], [.. pupils]);
        // Opened in the last second and not written yet: nothing there is new any more. Read before the query: a visit
        // written in between is then in the database the query reads, never in neither.
        var justSeen = pending.PendingFor(personId);
        var rows = new List<NewCount>();
        await foreach (var row in query.Run(db, request).WithCancellation(ct))
        {
            rows.Add(row);
        }
        var counts = rows.Where(r => !justSeen.Contains((r.Service, r.SpaceId)))
            .GroupBy(r => (r.Service, r.SpaceId))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<(NewKind, int)>)[.. g.OrderBy(r => r.Kind).Select(r => (r.Kind, r.Count))]);
        cache.Set(key, new Remembered(tick, now, request.Spaces, request.StaffSpaces, request.Pupils, counts), RememberedFor);
        return counts;
    }
}
