using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Forums;

/// <summary>Forums: the person's posts (a hidden one says so) and the topics they opened.</summary>
internal sealed class ForumsPersonalData(PreauDbContext db) : IPersonalDataSection
{
    public string Name => "Forums";

    public async Task<object> ReadAsync(Guid personId, CancellationToken ct)
    {
        var topics = await db.ForumTopics.AsNoTracking().Where(t => t.AuthorId == personId).OrderByDescending(t => t.CreatedAt)
            .Select(t => new { t.CreatedAt, t.Title }).ToListAsync(ct);
        var posts = await (from p in db.ForumPosts.AsNoTracking()
                           where p.AuthorId == personId && !p.IsDeleted
                           join t in db.ForumTopics.AsNoTracking() on p.TopicId equals t.Id
                           orderby p.CreatedAt descending
                           select new { p.CreatedAt, p.EditedAt, Topic = t.Title, p.Body, HiddenByModeration = p.IsHidden }).ToListAsync(ct);
        return new { TopicsOpened = topics, Posts = posts };
    }
}
