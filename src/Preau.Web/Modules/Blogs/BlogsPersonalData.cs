using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Blogs;

/// <summary>Blogs: the articles the person wrote or is named as an author of, and their comments.</summary>
internal sealed class BlogsPersonalData(PreauDbContext db) : IPersonalDataSection
{
    public string Name => "Blogs";

    public async Task<object> ReadAsync(Guid personId, CancellationToken ct)
    {
        var articles = await (from a in db.BlogArticles.AsNoTracking()
                              where a.AuthorId == personId || db.BlogArticlePupils.Any(p => p.ArticleId == a.Id && p.PupilId == personId)
                              join b in db.Blogs.AsNoTracking() on a.BlogId equals b.Id
                              orderby a.CreatedAt descending
                              select new { Blog = b.Title, a.Title, a.Body, Status = a.Status.ToString(), a.PublishAt, a.CreatedAt, a.UpdatedAt })
            .ToListAsync(ct);
        var comments = await (from c in db.BlogComments.AsNoTracking()
                              where c.AuthorId == personId
                              join a in db.BlogArticles.AsNoTracking() on c.ArticleId equals a.Id
                              orderby c.CreatedAt descending
                              select new { c.CreatedAt, Article = a.Title, c.Body, Status = c.Status.ToString() }).ToListAsync(ct);
        return new { Articles = articles, Comments = comments };
    }
}
