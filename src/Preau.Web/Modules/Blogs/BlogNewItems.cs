using System.Linq.Expressions;
using Preau.Web.Modules.Blogs.Data;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Blogs;

/// <summary>For the home page: articles published on the blogs of the person's spaces (by someone else).</summary>
internal sealed class BlogNewItems : INewItemsSource
{
    public Expression<Func<PreauDbContext, NewItemsRequest, IQueryable<NewItem>>> Query { get; } = (db, r) =>
        from a in db.BlogArticles
        where a.Status == ArticleStatus.Published && a.PublishAt > r.Since && a.PublishAt <= r.Now && a.AuthorId != r.PersonId
        join b in db.Blogs on a.BlogId equals b.Id
        where (b.ScopeType == ScopeType.Class || b.ScopeType == ScopeType.School || b.ScopeType == ScopeType.Group) && r.Spaces.Contains(b.ScopeId)
        select new NewItem { Service = ServiceKeys.Blog, Kind = NewKind.Article, SpaceId = b.ScopeId, At = a.PublishAt };
}
