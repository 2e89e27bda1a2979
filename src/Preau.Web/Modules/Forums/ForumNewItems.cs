using System.Linq.Expressions;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Forums;

/// <summary>For the home page: messages posted in the forums of the person's spaces (by someone else), hidden or deleted ones left out.</summary>
internal sealed class ForumNewItems : INewItemsSource
{
    public Expression<Func<PreauDbContext, NewItemsRequest, IQueryable<NewItem>>> Query { get; } = (db, r) =>
        from p in db.ForumPosts
        where p.CreatedAt > r.Since && p.CreatedAt <= r.Now && p.AuthorId != r.PersonId && !p.IsHidden && !p.IsDeleted
        join t in db.ForumTopics on p.TopicId equals t.Id
        where (t.ScopeType == ScopeType.Class || t.ScopeType == ScopeType.Group) && r.Spaces.Contains(t.ScopeId)
        select new NewItem { Service = ServiceKeys.Forum, Kind = NewKind.ForumPost, SpaceId = t.ScopeId, At = p.CreatedAt };
}
