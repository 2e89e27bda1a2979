using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Platform.Data;

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
        var run = EF.CompileAsyncQuery(QueryTemplate.Expand(counted));
        Run = (context, r) => run(context, r.PersonId, r.Since, r.Now, r.Spaces, r.StaffSpaces, r.Pupils);
    }

    public Func<PreauDbContext, NewItemsRequest, IAsyncEnumerable<NewCount>> Run { get; }

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
/// statement for every module and space (<see cref="NewItemsQuery"/>).
/// </summary>
public sealed class NewSinceLastVisit(PreauDbContext db, NewItemsQuery query, VisitMarks pending, TimeProvider time)
{
    public const int WindowDays = 30;

    public async Task<IReadOnlyDictionary<(string Service, Guid SpaceId), IReadOnlyList<(NewKind Kind, int Count)>>> CountAsync(
        Guid personId, IReadOnlyCollection<Guid> spaces, IReadOnlyCollection<Guid> staffSpaces, IReadOnlyCollection<Guid> pupils, CancellationToken ct = default)
    {
        if (spaces.Count == 0)
        {
            return new Dictionary<(string, Guid), IReadOnlyList<(NewKind, int)>>();
        }
        var now = time.GetUtcNow().UtcDateTime;
        var request = new NewItemsRequest(personId, now.AddDays(-WindowDays), now, [.. spaces], [.. staffSpaces], [.. pupils]);
        // Opened in the last second and not written yet: nothing there is new any more. Read before the query: a visit
        // written in between is then in the database the query reads, never in neither.
        var justSeen = pending.PendingFor(personId);
        var rows = new List<NewCount>();
        await foreach (var row in query.Run(db, request).WithCancellation(ct))
        {
            rows.Add(row);
        }
        return rows.Where(r => !justSeen.Contains((r.Service, r.SpaceId)))
            .GroupBy(r => (r.Service, r.SpaceId))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<(NewKind, int)>)[.. g.OrderBy(r => r.Kind).Select(r => (r.Kind, r.Count))]);
    }
}
