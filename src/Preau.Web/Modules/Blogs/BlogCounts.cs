using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Blogs.Contracts;
using Preau.Web.Modules.Blogs.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Blogs;

internal sealed class BlogCounts(PreauDbContext db) : IBlogCounts
{
    public async Task<IReadOnlyDictionary<Guid, int>> ToValidateAsync(IReadOnlyCollection<Guid> scopeIds, CancellationToken ct = default)
    {
        if (scopeIds.Count == 0)
        {
            return new Dictionary<Guid, int>();
        }
        var ids = scopeIds.ToList();
        return await db.BlogArticles.AsNoTracking().Where(a => a.Status == ArticleStatus.Submitted)
            .Join(db.Blogs.Where(b => ids.Contains(b.ScopeId)), a => a.BlogId, b => b.Id, (a, b) => b.ScopeId)
            .GroupBy(s => s).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }
}
