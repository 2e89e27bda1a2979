using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.News.Contracts;
using Preau.Web.Modules.News.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.News;

/// <summary>A scope the current person may publish news for.</summary>
public sealed record NewsScope(ScopeType ScopeType, Guid? ScopeId, string Name)
{
    public string Key => ScopeId is { } id ? $"{ScopeType}:{id}" : ScopeType.ToString();

    public bool Covers(NewsItem item) => item.ScopeType == ScopeType && item.ScopeId == ScopeId;
}

public sealed record NewsView(Guid Id, ScopeType ScopeType, Guid? ScopeId, string Title, string Body, string? Source,
    DateTime PublishAt, DateTime? ExpiresAt, bool IsImportant, bool IsWithdrawn);

public sealed record NewsPage(IReadOnlyList<NewsView> Items, int Page, int PageCount, int Total);

/// <summary>
/// Who sees which news and who writes it. A school's news reaches its staff, its pupils and their guardians;
/// a collectivité's news the people of its schools (and of the schools of its communes, for a groupement) and
/// its agents; territory news everyone. Directors write for their school, agents for their collectivité,
/// administrators for the territory.
/// </summary>
public sealed class NewsQueries(AccessContext context, PreauDbContext db, TimeProvider time, StampedCache cache) : IHomeNews
{
    public const int PageSize = 20;

    /// <summary>How many items of a home page's audience are kept in memory: the ones showing now and those scheduled to show soon.</summary>
    private const int HomeKept = 30;

    /// <summary>
    /// The home page's news, the same for every family of the same schools: kept in memory under the access stamp
    /// (ADR 0016; saving a news item raises it), with the items scheduled for later, so that publication and expiry
    /// dates are applied at each request and an item shows at its time without anything being written.
    /// </summary>
    public async Task<(IReadOnlyList<HomeNewsItem> Items, bool HasMore)> GetAsync(int take, CancellationToken ct = default)
    {
        var (schoolIds, agentOf) = await AudienceAsync(ct);
        var key = $"news:home:{string.Join(',', schoolIds.Order())}|{string.Join(',', agentOf.Order())}";
        var kept = await cache.GetAsync(key, async c =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var rows = await Project(Visible(schoolIds, agentOf).Where(n => n.ExpiresAt == null || n.ExpiresAt > now))
                .Take(HomeKept).ToListAsync(c);
            return new HomeNewsKept([.. rows.Select(r => (ForHome(r), r.ExpiresAt))], rows.Count == HomeKept);
        }, ct);
        var at = time.GetUtcNow().UtcDateTime;
        var showing = kept.Items.Where(i => i.Item.PublishAt <= at && (i.ExpiresAt == null || i.ExpiresAt > at)).Take(take + 1).Select(i => i.Item).ToList();
        if (showing.Count <= take && kept.Truncated)
        {
            // More items scheduled for later than kept (rare): ask the database.
            var rows = await Project(await VisibleAsync(ct)).Take(take + 1).ToListAsync(ct);
            showing = [.. rows.Select(ForHome)];
        }
        return ([.. showing.Take(take)], showing.Count > take);
    }

    private static HomeNewsItem ForHome(NewsView r) => new(r.Id, r.Title, NewsText.Excerpt(r.Body), r.Source, r.PublishAt, r.IsImportant);

    private sealed record HomeNewsKept(IReadOnlyList<(HomeNewsItem Item, DateTime? ExpiresAt)> Items, bool Truncated);

    public async Task<NewsPage> VisiblePageAsync(int page, CancellationToken ct = default)
    {
        var visible = await VisibleAsync(ct);
        return await PageAsync(visible, page, ct);
    }

    /// <summary>One item, if the person may read it now (or writes for its scope, who sees it in every state).</summary>
    public async Task<NewsView?> FindReadableAsync(Guid id, CancellationToken ct = default)
    {
        var item = await Project((await VisibleAsync(ct)).Where(n => n.Id == id)).FirstOrDefaultAsync(ct);
        if (item is not null)
        {
            return item;
        }
        var writable = await WritableAsync(ct);
        return await Project(writable.Where(n => n.Id == id)).FirstOrDefaultAsync(ct);
    }

    public async Task<NewsPage> WritablePageAsync(int page, CancellationToken ct = default) =>
        await PageAsync(await WritableAsync(ct), page, ct);

    /// <summary>The scopes the person may publish for, with their names.</summary>
    public async Task<IReadOnlyList<NewsScope>> AuthorScopesAsync(CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var scopes = new List<NewsScope>();
        if (a.IsTerritoryAdmin)
        {
            scopes.Add(new NewsScope(ScopeType.Territory, null, "Tout le département"));
        }
        var schoolIds = a.DirectedSchoolIds.ToList();
        if (schoolIds.Count > 0)
        {
            scopes.AddRange(await db.Schools.AsNoTracking().Where(s => schoolIds.Contains(s.Id)).OrderBy(s => s.Name)
                .Select(s => new NewsScope(ScopeType.School, s.Id, s.Name)).ToListAsync(ct));
        }
        var authorityIds = a.ScopeIds(Role.MunicipalAgent, ScopeType.LocalAuthority).ToList();
        if (authorityIds.Count > 0)
        {
            scopes.AddRange(await db.LocalAuthorities.AsNoTracking().Where(l => authorityIds.Contains(l.Id)).OrderBy(l => l.Name)
                .Select(l => new NewsScope(ScopeType.LocalAuthority, l.Id, l.Name)).ToListAsync(ct));
        }
        return scopes;
    }

    private async Task<IQueryable<NewsItem>> VisibleAsync(CancellationToken ct)
    {
        var (schoolIds, agentOf) = await AudienceAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        return Visible(schoolIds, agentOf).Where(n => n.PublishAt <= now && (n.ExpiresAt == null || n.ExpiresAt > now));
    }

    /// <summary>The schools whose news the person reads (staff, pupil or guardian there) and the collectivités they work for.</summary>
    private async Task<(List<Guid> SchoolIds, List<Guid> AgentOf)> AudienceAsync(CancellationToken ct)
    {
        var a = await context.GetAsync(ct);
        var schoolIds = a.StaffSchoolIds
            .Concat(a.PupilClassIds.Concat(a.ChildClassIds).Select(a.SchoolOfClass).OfType<Guid>())
            .Distinct().ToList();
        return (schoolIds, a.ScopeIds(Role.MunicipalAgent, ScopeType.LocalAuthority).Distinct().ToList());
    }

    /// <summary>Not withdrawn and addressed to the audience, whatever the dates.</summary>
    private IQueryable<NewsItem> Visible(List<Guid> schoolIds, List<Guid> agentOf)
    {
        // Composed into the one query below: the communes of the person's schools, their groupements, and the
        // communes of a groupement the person works for.
        var communes = db.Schools.Where(s => schoolIds.Contains(s.Id)).Select(s => s.LocalAuthorityId);
        var groupements = db.LocalAuthorityMembers.Where(m => communes.Contains(m.MunicipalityId)).Select(m => m.GroupId);
        var agentCommunes = db.LocalAuthorityMembers.Where(m => agentOf.Contains(m.GroupId)).Select(m => m.MunicipalityId);
        return db.Set<NewsItem>().AsNoTracking().Where(n => !n.IsWithdrawn
            && (n.ScopeType == ScopeType.Territory
                || (n.ScopeType == ScopeType.School && schoolIds.Contains(n.ScopeId!.Value))
                || (n.ScopeType == ScopeType.LocalAuthority && (agentOf.Contains(n.ScopeId!.Value) || agentCommunes.Contains(n.ScopeId!.Value)
                    || communes.Contains(n.ScopeId!.Value) || groupements.Contains(n.ScopeId!.Value)))));
    }

    private async Task<IQueryable<NewsItem>> WritableAsync(CancellationToken ct)
    {
        var a = await context.GetAsync(ct);
        var admin = a.IsTerritoryAdmin;
        var schoolIds = a.DirectedSchoolIds.ToList();
        var authorityIds = a.ScopeIds(Role.MunicipalAgent, ScopeType.LocalAuthority).ToList();
        return db.Set<NewsItem>().AsNoTracking().Where(n => (admin && n.ScopeType == ScopeType.Territory)
            || (n.ScopeType == ScopeType.School && schoolIds.Contains(n.ScopeId!.Value))
            || (n.ScopeType == ScopeType.LocalAuthority && authorityIds.Contains(n.ScopeId!.Value)));
    }

    private async Task<NewsPage> PageAsync(IQueryable<NewsItem> items, int page, CancellationToken ct)
    {
        var total = await items.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await Project(items).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new NewsPage(rows, page, pageCount, total);
    }

    /// <summary>Important first, then the most recent; the name of the school or collectivité in the same query (null for the territory).</summary>
    private IQueryable<NewsView> Project(IQueryable<NewsItem> items) => items
        .OrderByDescending(n => n.IsImportant).ThenByDescending(n => n.PublishAt).ThenBy(n => n.Id)
        .Select(n => new NewsView(n.Id, n.ScopeType, n.ScopeId, n.Title, n.Body,
            n.ScopeType == ScopeType.School ? db.Schools.Where(s => s.Id == n.ScopeId).Select(s => s.Name).FirstOrDefault()
                : n.ScopeType == ScopeType.LocalAuthority ? db.LocalAuthorities.Where(l => l.Id == n.ScopeId).Select(l => l.Name).FirstOrDefault()
                : null,
            n.PublishAt, n.ExpiresAt, n.IsImportant, n.IsWithdrawn));
}
