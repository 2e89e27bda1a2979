using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Blogs.Data;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Blogs.Showcase;

public sealed record ShowcaseBlog(string Slug, string Title, string Space, Guid? SchoolId);

public sealed record ShowcaseSchool(Guid Id, string Name, string Uai, IReadOnlyList<ShowcaseBlog> Blogs);

public sealed record ShowcaseAuthority(string Name, IReadOnlyList<ShowcaseBlog> OwnBlogs, IReadOnlyList<ShowcaseSchool> Schools);

public sealed record ShowcaseArticle(string BlogSlug, string BlogTitle, string Slug, string Title, string Body, DateTime PublishAt);

/// <summary>
/// The territory's public blogs, grouped by collectivité and school, and their latest articles (only those no photo
/// authorisation holds back). A fixed number of queries, whatever the number of blogs.
/// </summary>
public sealed class ShowcaseQuery(PreauDbContext db, BlogQueries queries, IServiceSwitches switches)
{
    public async Task<(IReadOnlyList<ShowcaseAuthority> Authorities, IReadOnlyList<ShowcaseBlog> Groups, IReadOnlyList<ShowcaseArticle> Latest)> GetAsync(CancellationToken ct = default)
    {
        var blogs = await db.Blogs.AsNoTracking().Where(b => b.Visibility == BlogVisibility.Public)
            .Select(b => new { b.Id, b.Slug, b.Title, b.ScopeType, b.ScopeId }).ToListAsync(ct);
        // Blogs their space switched off are not shown, public or not.
        var off = new HashSet<Guid>();
        foreach (var type in new[] { ScopeType.Class, ScopeType.School, ScopeType.Group })
        {
            off.UnionWith(await switches.OffAmongAsync(ServiceKeys.Blog, type, [.. blogs.Where(b => b.ScopeType == type).Select(b => b.ScopeId)], ct));
        }
        blogs = [.. blogs.Where(b => !off.Contains(b.ScopeId))];
        var classIds = blogs.Where(b => b.ScopeType == ScopeType.Class).Select(b => b.ScopeId).ToList();
        var classes = await db.Classes.AsNoTracking().Where(c => classIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => new { c.Name, c.SchoolId }, ct);
        var schoolIds = blogs.Where(b => b.ScopeType == ScopeType.School).Select(b => b.ScopeId).Concat(classes.Values.Select(c => c.SchoolId)).Distinct().ToList();
        var schools = await db.Schools.AsNoTracking().Where(s => schoolIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => new { s.Name, s.Uai, s.LocalAuthorityId }, ct);
        var authorityIds = blogs.Where(b => b.ScopeType == ScopeType.LocalAuthority).Select(b => b.ScopeId).Concat(schools.Values.Select(s => s.LocalAuthorityId)).Distinct().ToList();
        var authorities = await db.LocalAuthorities.AsNoTracking().Where(l => authorityIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var groupIds = blogs.Where(b => b.ScopeType == ScopeType.Group).Select(b => b.ScopeId).ToList();
        var groups = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);

        Guid? SchoolOf(Guid scopeId, ScopeType type) => type == ScopeType.School ? scopeId : classes.TryGetValue(scopeId, out var c) ? c.SchoolId : null;
        var schoolBlogs = blogs.Where(b => b.ScopeType is ScopeType.School or ScopeType.Class && SchoolOf(b.ScopeId, b.ScopeType) is { } s && schools.ContainsKey(s))
            .Select(b => new ShowcaseBlog(b.Slug, b.Title, b.ScopeType == ScopeType.Class ? classes[b.ScopeId].Name : "École", SchoolOf(b.ScopeId, b.ScopeType)))
            .ToList();
        var result = authorityIds.Where(authorities.ContainsKey).OrderBy(id => authorities[id]).Select(id => new ShowcaseAuthority(
                authorities[id],
                [.. blogs.Where(b => b.ScopeType == ScopeType.LocalAuthority && b.ScopeId == id).Select(b => new ShowcaseBlog(b.Slug, b.Title, authorities[id], null))],
                [.. schools.Where(s => s.Value.LocalAuthorityId == id).OrderBy(s => s.Value.Name).Select(s => new ShowcaseSchool(s.Key, s.Value.Name, s.Value.Uai,
                    [.. schoolBlogs.Where(b => b.SchoolId == s.Key).OrderBy(b => b.Space)]))]))
            .ToList();
        var groupBlogs = blogs.Where(b => b.ScopeType == ScopeType.Group && groups.ContainsKey(b.ScopeId))
            .Select(b => new ShowcaseBlog(b.Slug, b.Title, groups[b.ScopeId], null)).ToList();

        var now = queries.Now;
        var blogIds = blogs.Select(b => b.Id).ToList();
        var latest = await queries.PhotoCleared(db.BlogArticles.AsNoTracking()
                .Where(a => blogIds.Contains(a.BlogId) && a.Status == ArticleStatus.Published && a.PublishAt <= now))
            .OrderByDescending(a => a.PublishAt).Take(10)
            .Join(db.Blogs, a => a.BlogId, b => b.Id, (a, b) => new ShowcaseArticle(b.Slug, b.Title, a.Slug, a.Title, a.Body, a.PublishAt))
            .ToListAsync(ct);
        return (result, groupBlogs, latest);
    }
}
